package io.fillonce.intake.record;

/**
 * The outcome of a submission.
 *
 * @param receipt the entity and its now-current version
 * @param created {@code true} when a new version was stored, {@code false} when the data equalled the current one
 */
public record Submission(SubmissionReceipt receipt, boolean created) {
}
