package io.fillonce.intake.record;

import java.time.Instant;

/**
 * Why an entity's version retracts it (it was entered for the wrong person, say), who retracted it and when. A
 * retracted entity takes no new version until it is reinstated; departments that received it are told.
 */
public record Retraction(String reason, String by, Instant at) {
}
