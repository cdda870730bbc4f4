package io.fillonce.intake.record;

/** A correction without {@code If-Match} (428): a patch must name the version it was made against. */
public class PreconditionRequired extends RuntimeException {

    PreconditionRequired() {
        super("A correction must say which version it corrects: send If-Match with the ETag of the version you read "
                + "(GET answers it, e.g. If-Match: \"3\"). Nothing was stored.");
    }
}
