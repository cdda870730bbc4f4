package io.fillonce.intake.record;

/**
 * The request carries no valid gateway-signed identity ({@code X-Fillonce-Identity}): it did not come through the
 * gateway's authentication. Answered 401 with the reason.
 */
public class MissingPrincipal extends RuntimeException {

    public MissingPrincipal() {
        this("This request needs an authenticated principal (header " + RecordController.PRINCIPAL + ").");
    }

    public MissingPrincipal(String reason) {
        super(reason);
    }
}
