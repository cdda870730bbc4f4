package io.fillonce.sync.audit;

/** An access could not be audited (Kafka did not take its event), so it must not happen. */
public class AuditUnavailable extends RuntimeException {

    AuditUnavailable(Exception cause) {
        super("the access could not be audited: " + cause.getMessage(), cause);
    }
}
