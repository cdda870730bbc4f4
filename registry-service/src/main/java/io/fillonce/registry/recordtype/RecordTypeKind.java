package io.fillonce.registry.recordtype;

import org.springframework.stereotype.Component;

import io.fillonce.registry.publishing.RegistryKind;

/** A record type is published as its current version, schema included. */
@Component
class RecordTypeKind implements RegistryKind<RecordTypeDocument> {

    private final RecordTypeMapper mapper;

    RecordTypeKind(RecordTypeMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "record-type";
    }

    @Override
    public Class<RecordTypeDocument> documentType() {
        return RecordTypeDocument.class;
    }

    @Override
    public Object state(RecordTypeDocument document) {
        return mapper.toView(document);
    }
}
