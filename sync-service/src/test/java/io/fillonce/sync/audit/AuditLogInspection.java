package io.fillonce.sync.audit;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;

/** Lets tests of other packages verify the chain in a database, as the ops endpoint does. */
public final class AuditLogInspection {

    private final AuditVerifier verifier;

    public AuditLogInspection(MongoTemplate mongo, JsonMapper json) {
        this.verifier = new AuditVerifier(mongo, json);
    }

    /** The whole chain: ok, entries checked, and the verifier's full answer as text. */
    public Result verify() {
        AuditVerification verification = verifier.verify(1, Long.MAX_VALUE);
        return new Result(verification.ok(), verification.checked(), verification.toString());
    }

    public record Result(boolean ok, long checked, String text) {
    }
}
