package io.fillonce.registry.recordtype;

import org.springframework.stereotype.Component;

import io.fillonce.registry.publishing.RegistryKind;
import io.fillonce.registryfeed.EntryKind;

/** A record type is published as its current version, schema included. */
@Component
class RecordTypeKind implements RegistryKind<RecordTypeDocument> {

    private final RecordTypeMapper mapper;

    RecordTypeKind(RecordTypeMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public EntryKind kind() {
        return EntryKind.RECORD_TYPE;
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
