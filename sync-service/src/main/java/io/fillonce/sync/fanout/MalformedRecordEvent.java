package io.fillonce.sync.fanout;

/**
 * A message on fillonce.records that is not a canonical record event; retrying it cannot help. Its {@link Reason}
 * is one of a few classes (a metric tag and a dead-letter header); the message says what exactly was wrong, never
 * a value of the record.
 */
class MalformedRecordEvent extends RuntimeException {

    /** Why a message cannot be read, as the dead-letter header and the metric's {@code reason} tag name it. */
    enum Reason {
        /** The CloudEvents SDK refused it: no or bad {@code ce_*} headers, an unknown spec version. */
        NOT_A_CLOUDEVENT("not-a-cloudevent"),
        /** A CloudEvent without data, or whose data is not JSON. */
        NOT_JSON("not-json"),
        /** JSON that is not a record event (record-event.schema.json): a property missing or of the wrong type. */
        NOT_A_RECORD_EVENT("not-a-record-event");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }

    private final Reason reason;

    MalformedRecordEvent(Reason reason, String eventId, String detail) {
        super("record event " + eventId + " is malformed: " + detail);
        this.reason = reason;
    }

    private MalformedRecordEvent(String message, Throwable cause) {
        super(message, cause);
        this.reason = Reason.NOT_A_CLOUDEVENT;
    }

    /** What the CloudEvents SDK threw on reading the message. */
    static MalformedRecordEvent notACloudEvent(RuntimeException cause) {
        return new MalformedRecordEvent("not a CloudEvent: " + cause.getMessage(), cause);
    }

    Reason reason() {
        return reason;
    }
}
