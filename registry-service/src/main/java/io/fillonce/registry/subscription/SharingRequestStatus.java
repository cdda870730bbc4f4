package io.fillonce.registry.subscription;

/**
 * Where a department's sharing request stands. REQUESTED: waiting for its approvals. APPROVED: every party approved
 * and the subscription was created or changed. REJECTED: a party said no, with its reason. WITHDRAWN: the
 * department took it back. Only REQUESTED ever changes.
 */
enum SharingRequestStatus {
    REQUESTED, APPROVED, REJECTED, WITHDRAWN
}
