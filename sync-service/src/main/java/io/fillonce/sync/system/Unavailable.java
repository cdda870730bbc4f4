package io.fillonce.sync.system;

/** What the request needs is not available right now (e.g. the fan-out is rebalancing); trying again helps. */
public class Unavailable extends RuntimeException {

    public Unavailable(String message) {
        super(message);
    }

    public Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
