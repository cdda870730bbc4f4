package io.fillonce.sync.fanout;

import io.cloudevents.CloudEvent;
import io.fillonce.sync.Topics;
import io.fillonce.sync.audit.AuditEvent;

/**
 * What the fan-out writes, in the transaction of the records it consumed: department messages, audit events, and
 * the fillonce.records messages it could not read.
 */
sealed interface Outgoing {

    String topic();

    /** A department message on {@code fillonce.dept.<code>}: a CloudEvent in binary mode. */
    record ToDepartment(String topic, CloudEvent event) implements Outgoing {
    }

    /** An audit event on fillonce.sync.audit, chained into the audit log by its writer. */
    record ToAudit(AuditEvent event) implements Outgoing {

        @Override
        public String topic() {
            return Topics.AUDIT;
        }
    }

    /**
     * A fillonce.records message the fan-out could not read, on fillonce.records.dead: its key and value bytes
     * exactly as they came; the record it travels in carries the original headers and those saying why.
     */
    record ToDeadLetters(byte[] key, byte[] value) implements Outgoing {

        @Override
        public String topic() {
            return Topics.RECORDS_DEAD;
        }
    }
}
