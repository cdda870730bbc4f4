package io.fillonce.sync.flow;

/**
 * How far a department's readers of one channel are behind its topic: {@code messages} not yet read (offsets,
 * transaction markers included) and {@code seconds} since the oldest of them was written; both null when nobody
 * reads the channel yet (a topic without a consumer group of the department's). {@code readers}: the consumer
 * groups counted (the department's own for the topic, sync's worker for the webhook), {@code running} whether any of
 * them has a member now.
 */
public record ChannelLag(String department, String channel, Long messages, Double seconds, int readers,
        boolean running) {

    static String id(String department, String channel) {
        return department + "|" + channel;
    }
}
