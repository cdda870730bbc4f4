package io.fillonce.registry.codetable;

import java.util.List;

/**
 * What a proposed change to a code table would do, before it is made: the version it would become and what it
 * changes; {@code allowed} false, with the {@code breaks}, when it removes or recodes a code a subscription uses
 * (it would be refused: nothing already delivered is ever silently recoded); {@code subscriptions} every subscription
 * that maps through the table, whose next messages the new version translates. {@code countMessages}: where to
 * count, per subscription, the entities whose message the change would change (sync-service's IMPACT jobs, with the
 * same body), since only sync holds the entities.
 */
record CodeTablePreview(String name, int version, CodeTableChange change, boolean allowed,
        List<CodeTableUsers.CodeBreak> breaks, List<CodeTableUsers.Reader> subscriptions, String countMessages) {

    CodeTablePreview(String name, int version, CodeTableChange change, List<CodeTableUsers.CodeBreak> breaks,
            List<CodeTableUsers.Reader> subscriptions) {
        this(name, version, change, breaks.isEmpty(), breaks, subscriptions,
                "POST /api/ops/code-tables/" + name + "/impact");
    }
}
