package io.fillonce.intake.batch;

/** No bulk upload job has this id. */
public class UnknownBatchJob extends RuntimeException {

    UnknownBatchJob(String id) {
        super("There is no bulk upload job " + id + ".");
    }
}
