package io.fillonce.intake.record;

/**
 * An erasure asked for by anyone but an admin: 403. The role table refuses it already; this service checks again,
 * as erasing cannot be undone.
 */
public class ErasureNotAllowed extends RuntimeException {

    ErasureNotAllowed(String role) {
        super("Only an admin erases an entity's personal data; role " + role + " may not.");
    }
}
