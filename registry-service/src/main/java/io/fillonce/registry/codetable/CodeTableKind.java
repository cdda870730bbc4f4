package io.fillonce.registry.codetable;

import org.springframework.stereotype.Component;

import io.fillonce.registry.publishing.RegistryKind;
import io.fillonce.registryfeed.EntryKind;

@Component
class CodeTableKind implements RegistryKind<CodeTableDocument> {

    private final CodeTableMapper mapper;

    CodeTableKind(CodeTableMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public EntryKind kind() {
        return EntryKind.CODE_TABLE;
    }

    @Override
    public Class<CodeTableDocument> documentType() {
        return CodeTableDocument.class;
    }

    @Override
    public Object state(CodeTableDocument document) {
        return mapper.toView(document);
    }
}
