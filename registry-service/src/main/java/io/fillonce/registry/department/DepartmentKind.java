package io.fillonce.registry.department;

import org.springframework.stereotype.Component;

import io.fillonce.registry.publishing.RegistryKind;

/** Published with the webhook's signing secrets, so sync-service signs deliveries without asking the registry. */
@Component
class DepartmentKind implements RegistryKind<DepartmentDocument> {

    private final DepartmentMapper mapper;

    DepartmentKind(DepartmentMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "department";
    }

    @Override
    public Class<DepartmentDocument> documentType() {
        return DepartmentDocument.class;
    }

    @Override
    public Object state(DepartmentDocument document) {
        return mapper.toState(document);
    }
}
