package io.fillonce.sync.flow;

/** One flow: a record type's versions to one department on one channel (topic, webhook or feed). */
public record FlowKey(String recordType, String department, String channel) {

    /** {@code <type>|<department>|<channel>}: '|' is in no record type's, department's or channel's name. */
    String id() {
        return recordType + "|" + department + "|" + channel;
    }
}
