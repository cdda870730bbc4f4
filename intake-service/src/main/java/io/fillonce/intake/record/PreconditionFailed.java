package io.fillonce.intake.record;

/** The {@code If-Match} header names a version that is not the entity's current one. */
public class PreconditionFailed extends RuntimeException {

    PreconditionFailed(String subject, String ifMatch, int currentVersion) {
        super(currentVersion == 0
                ? "If-Match " + ifMatch + " was sent, but " + subject + " does not exist yet; nothing was stored."
                : "If-Match " + ifMatch + " does not match the current version of " + subject + ", which is \""
                        + currentVersion + "\"; read it again and resend. Nothing was stored.");
    }
}
