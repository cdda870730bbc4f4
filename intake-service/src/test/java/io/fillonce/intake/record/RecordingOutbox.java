package io.fillonce.intake.record;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The relay as the bulk path sees it: claims it records, a set of claims still pending. */
final class RecordingOutbox implements Outbox {

    final Set<String> pending = new HashSet<>();

    final List<String> claimed = new ArrayList<>();

    final List<RecordDocument> written = new ArrayList<>();

    Claim claim;

    boolean unsure;

    @Override
    public void claim(Claim claim, Collection<String> subjects, int versions) {
        this.claim = claim;
        pending.add(claim.id());
        claimed.clear();
        claimed.addAll(subjects);
    }

    @Override
    public void extend(Claim claim, Collection<String> subjects, int versions) {
        claimed.addAll(subjects);
    }

    @Override
    public void fence() {
    }

    @Override
    public Set<String> pending(Collection<String> claimIds) {
        Set<String> found = new HashSet<>(claimIds);
        found.retainAll(pending);
        return found;
    }

    @Override
    public void written(Claim claim, List<RecordDocument> documents, boolean mayWait) {
        written.clear();
        written.addAll(documents);
    }

    @Override
    public void unsure(Claim claim) {
        unsure = true;
    }
}
