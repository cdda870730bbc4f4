package io.fillonce.registry.subscription;

import org.springframework.stereotype.Component;

import io.fillonce.registry.publishing.RegistryKind;

@Component
class SubscriptionKind implements RegistryKind<SubscriptionDocument> {

    private final SubscriptionMapper mapper;

    SubscriptionKind(SubscriptionMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "subscription";
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
