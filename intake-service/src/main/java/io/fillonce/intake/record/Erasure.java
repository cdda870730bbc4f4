package io.fillonce.intake.record;

import java.time.Instant;

/**
 * Why an entity's personal data was erased (the reason and the law that requires it), by which admin and when: on
 * the entity's last version, whose data is empty. Departments that received the entity are told; intake then keeps
 * nothing of it.
 */
public record Erasure(String reason, String legalBasis, String by, Instant at) {
}
