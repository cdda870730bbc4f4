package io.fillonce.intake.record;

/** Body of POST /api/records/{type}/{entityKey}/retract: why. */
record RetractionRequest(String reason) {

    /** The reason, stripped; a missing, blank or overlong one is refused. */
    String checkedReason() {
        if (reason == null || reason.isBlank() || reason.length() > MissingReason.MOST) {
            throw new MissingReason();
        }
        return reason.strip();
    }
}
