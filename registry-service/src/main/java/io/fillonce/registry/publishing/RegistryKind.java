package io.fillonce.registry.publishing;

import io.fillonce.registryfeed.EntryKind;

/**
 * One kind of registry resource as it appears on fillonce.registry: its {@link EntryKind} (the one list every
 * reader shares), the document class that stores it and how a document becomes the published state.
 */
public interface RegistryKind<D extends RegistryDocument> {

    EntryKind kind();

    Class<D> documentType();

    /** The resource's latest state as published (a record or map serialised as JSON). */
    Object state(D document);
}
