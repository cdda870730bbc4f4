package io.fillonce.registry.principal;

import org.springframework.stereotype.Component;

import io.fillonce.registry.publishing.RegistryKind;
import io.fillonce.registryfeed.EntryKind;

@Component
class PrincipalKind implements RegistryKind<PrincipalDocument> {

    private final PrincipalMapper mapper;

    PrincipalKind(PrincipalMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public EntryKind kind() {
        return EntryKind.PRINCIPAL;
    }

    @Override
    public Class<PrincipalDocument> documentType() {
        return PrincipalDocument.class;
    }

    @Override
    public Object state(PrincipalDocument document) {
        return mapper.toState(document);
    }
}
