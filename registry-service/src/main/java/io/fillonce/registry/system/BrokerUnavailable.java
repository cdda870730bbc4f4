package io.fillonce.registry.system;

/** The Kafka broker did not carry out an administrative change in time; answered with 503, safe to retry. */
public class BrokerUnavailable extends RuntimeException {

    public BrokerUnavailable(String what, Throwable cause) {
        super("the Kafka broker did not " + what + " (" + cause.getClass().getSimpleName() + "); retry later", cause);
    }
}
