package io.fillonce.sync.audit;

import io.fillonce.sync.system.Unavailable;

/** An access could not be audited (Kafka did not take its event), so it must not happen. */
public class AuditUnavailable extends Unavailable {

    AuditUnavailable(Exception cause) {
        super("the access could not be audited: " + cause.getMessage(), cause);
    }
}
