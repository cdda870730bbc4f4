package io.fillonce.intake.record;

/** What a submitter gets back: which entity, and which version of it is now current. */
public record SubmissionReceipt(String recordId, String type, String entityKey, int version) {
}
