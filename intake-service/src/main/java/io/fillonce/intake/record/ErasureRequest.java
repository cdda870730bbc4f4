package io.fillonce.intake.record;

import java.util.ArrayList;
import java.util.List;

/** Body of POST /api/records/{type}/{entityKey}/erase: why, and the law that requires it. */
record ErasureRequest(String reason, String legalBasis) {

    /** This request stripped; a missing, blank or overlong reason or legal basis is refused, naming each. */
    ErasureRequest checked() {
        List<String> missing = new ArrayList<>();
        if (MissingReason.missing(reason)) {
            missing.add("/reason");
        }
        if (MissingReason.missing(legalBasis)) {
            missing.add("/legalBasis");
        }
        if (!missing.isEmpty()) {
            throw new MissingReason(missing, "Give the reason and the legal basis of the erasure, each in 1 to "
                    + MissingReason.MOST + " characters: every department that received the entity reads them.");
        }
        return new ErasureRequest(reason.strip(), legalBasis.strip());
    }
}
