package io.fillonce.intake.record;

/** Too many concurrent submissions for one entity kept overtaking this one; the client may simply retry. */
public class SubmissionConflict extends RuntimeException {

    SubmissionConflict(String subject, int attempts) {
        super("Other submissions for " + subject + " kept arriving at the same time (" + attempts
                + " attempts); nothing was stored for this one, please retry.");
    }
}
