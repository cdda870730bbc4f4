package io.fillonce.sync.fanout;

/** Kafka did not take a department message (or its topic); the whole record event is retried. */
class DeliveryFailed extends RuntimeException {

    DeliveryFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
