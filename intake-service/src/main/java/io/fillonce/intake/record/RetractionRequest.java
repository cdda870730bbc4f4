package io.fillonce.intake.record;

/** Body of POST /api/records/{type}/{entityKey}/retract: why. */
record RetractionRequest(String reason) {

    /** The reason, stripped; a missing, blank or overlong one is refused. */
    String checkedReason() {
        if (MissingReason.missing(reason)) {
            throw new MissingReason();
        }
        return reason.strip();
    }
}
