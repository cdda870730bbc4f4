package io.fillonce.registry.publishing;

/**
 * One kind of registry resource as it appears on fillonce.registry: its kind name ({@code record-type},
 * {@code principal}, ...), the document class that stores it and how a document becomes the published state.
 */
public interface RegistryKind<D extends RegistryDocument> {

    String name();

    Class<D> documentType();

    /** The resource's latest state as published (a record or map serialised as JSON). */
    Object state(D document);
}
