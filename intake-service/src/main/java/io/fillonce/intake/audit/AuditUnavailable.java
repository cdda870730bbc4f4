package io.fillonce.intake.audit;

/** The audit of a read could not be made durable in time (Kafka away): the read is not answered (503). */
public class AuditUnavailable extends RuntimeException {

    AuditUnavailable(Exception cause) {
        super("The read could not be audited just now, so it is not answered; try again shortly.", cause);
    }
}
