package io.fillonce.fieldrules;

/** Turns a value into the pseudonym one department receives for it ({@code "transform": "hash"}). */
@FunctionalInterface
public interface FieldHasher {

    /** Lower-case hex HMAC-SHA256 of {@code text} with the department's key. */
    String hash(String text);
}
