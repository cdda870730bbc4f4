package io.fillonce.gateway.principal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The gateway's in-memory view of the active principals, keyed by the hash of their API key. Fed by one writer
 * (the registry topic consumer), read by every request. A principal has at most one valid key: when its key hash
 * changes (rotation) the old hash stops working, and a revoked, deactivated or deleted principal has none.
 */
@Component
public class PrincipalView {

    private final Map<String, Principal> byKeyHash = new ConcurrentHashMap<>();
    private final Map<String, String> keyHashById = new ConcurrentHashMap<>();

    /** The active principal whose API key hashes to {@code keyHash}, if any. */
    public Optional<Principal> findByKeyHash(String keyHash) {
        return Optional.ofNullable(byKeyHash.get(keyHash));
    }

    /** Makes {@code keyHash} the one valid key hash of {@code principal}, replacing any earlier one. */
    synchronized void activate(Principal principal, String keyHash) {
        String previous = keyHashById.put(principal.id(), keyHash);
        if (previous != null && !previous.equals(keyHash)) {
            forgetHash(previous, principal.id());
        }
        byKeyHash.put(keyHash, principal);
    }

    /** The principal {@code id} no longer has a valid key (deactivated, deleted, or unreadable). */
    synchronized void revoke(String id) {
        String previous = keyHashById.remove(id);
        if (previous != null) {
            forgetHash(previous, id);
        }
    }

    int size() {
        return byKeyHash.size();
    }

    private void forgetHash(String keyHash, String id) {
        byKeyHash.computeIfPresent(keyHash, (hash, holder) -> holder.id().equals(id) ? null : holder);
    }
}
