package io.fillonce.intake.record;

/** The request carries no {@code X-Fillonce-Principal}: it did not come through the gateway's authentication. */
public class MissingPrincipal extends RuntimeException {

    public MissingPrincipal() {
        super("This request needs an authenticated principal (header " + RecordController.PRINCIPAL + ").");
    }
}
