package io.fillonce.registry.principal;

import org.springframework.stereotype.Component;

import io.fillonce.registry.publishing.RegistryKind;

@Component
class PrincipalKind implements RegistryKind<PrincipalDocument> {

    private final PrincipalMapper mapper;

    PrincipalKind(PrincipalMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "principal";
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
