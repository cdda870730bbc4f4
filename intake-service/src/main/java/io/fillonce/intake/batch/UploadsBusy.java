package io.fillonce.intake.batch;

/**
 * A bulk upload refused before any of it was read, because this caller ({@link #perCaller()}: 429) or this instance
 * (503) already has as many uploads running or waiting as {@code fillonce.intake.jobs} allows; nothing was stored.
 */
public class UploadsBusy extends RuntimeException {

    private final boolean perCaller;

    private UploadsBusy(boolean perCaller, String message) {
        super(message);
        this.perCaller = perCaller;
    }

    static UploadsBusy forCaller(int limit) {
        return new UploadsBusy(true, "You already have " + limit + " bulk uploads running or waiting; send this one "
                + "when one of them is done. Nothing of it was stored.");
    }

    static UploadsBusy forInstance(int limit) {
        return new UploadsBusy(false, "This intake instance is working through " + limit + " bulk uploads already; "
                + "send this one again shortly. Nothing of it was stored.");
    }

    public boolean perCaller() {
        return perCaller;
    }
}
