package io.fillonce.intake.batch;

/** No bulk upload job has this id. */
public class UnknownBatchJob extends RuntimeException {

    UnknownBatchJob(String type, String id) {
        super("There is no bulk upload job " + id + " of record type " + type + ".");
    }
}
