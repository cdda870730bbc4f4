package io.fillonce.sync.feed;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.sync.audit.Access;
import io.fillonce.sync.audit.AuditAction;
import io.fillonce.sync.audit.AuditEvent;
import io.fillonce.sync.audit.AuditRecorder;
import io.fillonce.sync.fanout.DepartmentRecord;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.web.InvalidParameter;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pull feed: a department's messages by subscriptions that deliver by feed, read from its topic after a cursor
 * (or from a point in time, {@code since}: replay after an outage of its own). An event id appears once per
 * department topic, however often a webhook was retried. Only a DEPARTMENT caller, its own feed only (the shared role
 * table says so, and this controller again): feeds carry personal data for the department's systems, not for
 * operators. Each item read is audited (FEED_READ) before the page leaves.
 */
@RestController
class FeedController {

    private final FeedReader reader;
    private final RegistryView registry;
    private final AuditRecorder audit;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    FeedController(FeedReader reader, RegistryView registry, AuditRecorder audit, JsonMapper json) {
        this.reader = reader;
        this.registry = registry;
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/api/feeds/{department}")
    Page<FeedItem> feed(@PathVariable String department, Paging paging, @RequestParam(required = false) String since,
            VerifiedCaller caller) {
        if (since != null && !paging.fromStart()) {
            throw InvalidParameter.of("since", "exclusive",
                    "give either 'after' (a cursor) or 'since' (a time), not both");
        }
        FeedReader.Page page = reader.read(department, FeedCursor.parse(paging.after()), time(since), paging.limit(),
                message -> message.testEvent() || registry.subscription(message.subscription())
                        .map(s -> s.delivers("feed", message.eventType())).orElse(false));
        Instant now = clock.instant();
        List<FeedItem> items = new ArrayList<>(page.records().size());
        List<AuditEvent> reads = new ArrayList<>(page.records().size());
        for (DepartmentRecord message : page.records()) {
            FeedItem item = FeedItem.of(message, json);
            items.add(item);
            if (message.subscriptionEnded() || message.testEvent()) {
                continue; // about the subscription, or a test: no personal data was read, nothing is counted
            }
            JsonNode data = item.data() == null ? json.createObjectNode() : item.data(); // a notice: no fields
            String entityKey = message.erasedNotice() ? null : message.entityKey(); // erased: its key is not kept
            reads.add(AuditEvent.of(new Access(caller.principal(), AuditAction.FEED_READ, department, message.type(),
                    entityKey, Access.recordIdOf(item.id()), item.version(), item.id(), "feed",
                    item.purpose(), item.legalBasis(), message.payloadText(), message.keyDisclosed()), now, data)
                    .withSubmitter(message.submitter()));
        }
        audit.record(reads);
        return new Page<>(items, page.next().token());
    }

    private static Instant time(String since) {
        if (since == null) {
            return null;
        }
        try {
            return Instant.parse(since);
        }
        catch (DateTimeParseException e) {
            throw InvalidParameter.of("since", "format", "'since' must be an ISO-8601 instant such as "
                    + "2026-12-03T08:00:00Z, got '" + since + "'");
        }
    }
}
