package io.fillonce.intake.record;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * This instance cannot prove that its relay claims are still its own (its heartbeat in MongoDB lapsed), so it does
 * not write: another instance may be publishing for them. Answered like MongoDB being away (503, retry).
 */
public class OutboxUnavailable extends TransientDataAccessResourceException {

    public OutboxUnavailable(String message) {
        super(message);
    }
}
