package io.fillonce.sync.backfill;

/**
 * Where a RUNNING job is in its work. WALKING: the pass over every entity of the type. SETTLING (backfills only):
 * waiting until {@code settleAt}, when every instance's registry view must know the subscription, then a second
 * pass that queues the current version of each matching entity the department does not have yet — a version
 * another instance fanned out without the subscription while its view lagged.
 */
enum JobPhase {
    WALKING, SETTLING
}
