package io.fillonce.registry.subscription;

import org.springframework.stereotype.Component;

import io.fillonce.registry.publishing.RegistryKind;
import io.fillonce.registryfeed.EntryKind;

@Component
class SubscriptionKind implements RegistryKind<SubscriptionDocument> {

    private final SubscriptionMapper mapper;

    SubscriptionKind(SubscriptionMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public EntryKind kind() {
        return EntryKind.SUBSCRIPTION;
    }

    @Override
    public Class<SubscriptionDocument> documentType() {
        return SubscriptionDocument.class;
    }

    @Override
    public Object state(SubscriptionDocument document) {
        return mapper.toView(document);
    }
}
