package io.fillonce.sync.mapping;

/** A field mapping or filter that cannot be understood (registry data the engine refuses to run). */
public class InvalidMapping extends IllegalArgumentException {

    public InvalidMapping(String message) {
        super(message);
    }
}
