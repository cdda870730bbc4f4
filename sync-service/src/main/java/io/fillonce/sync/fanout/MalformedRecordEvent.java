package io.fillonce.sync.fanout;

/** A message on fillonce.records that is not a canonical record event; retrying it cannot help. */
class MalformedRecordEvent extends RuntimeException {

    MalformedRecordEvent(String eventId, String reason) {
        super("record event " + eventId + " is malformed: " + reason);
    }
}
