package io.fillonce.sync.feed;

import java.util.List;

import io.fillonce.sync.audit.Access;
import io.fillonce.sync.audit.AuditAction;
import io.fillonce.sync.audit.AuditLog;
import io.fillonce.sync.delivery.Delivery;
import io.fillonce.sync.delivery.Ledger;
import io.fillonce.sync.system.Caller;
import io.fillonce.sync.system.Forbidden;
import io.fillonce.sync.system.Paging;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pull feed: a department's deliveries in the order they were put in its feed, after a cursor. An event id
 * has one position in a department's feed, however often it was retried. A DEPARTMENT caller reads only its own
 * feed; ADMIN and OPS may read any; CADRE none. Each item read is an audit log entry (FEED_READ).
 */
@RestController
class FeedController {

    private final Ledger ledger;
    private final FeedMapper mapper;
    private final AuditLog audit;

    FeedController(Ledger ledger, FeedMapper mapper, AuditLog audit) {
        this.ledger = ledger;
        this.mapper = mapper;
        this.audit = audit;
    }

    @GetMapping("/api/feeds/{department}")
    FeedPage feed(@PathVariable String department, @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role,
            @RequestHeader(name = "X-Fillonce-Department", required = false) String callerDepartment) {
        Caller caller = Caller.of(principal, role, callerDepartment);
        allow(caller, department);
        long cursor = Paging.cursor(after);
        List<Delivery> page = ledger.feed(department, cursor, Paging.limit(limit));
        audit.append(page.stream().map(item -> read(caller, item)).toList());
        long next = page.isEmpty() ? cursor : page.get(page.size() - 1).feedSequence();
        return new FeedPage(page.stream().map(mapper::item).toList(), String.valueOf(next));
    }

    /** Every item handed out is in the audit log before the page leaves. */
    private static Access read(Caller caller, Delivery d) {
        return new Access(caller.principal(), AuditAction.FEED_READ, d.department(), d.type(), d.entityKey(),
                Access.recordIdOf(d.eventId()), d.version(), d.eventId(), d.channel(), d.purpose(), d.legalBasis(),
                d.payload());
    }

    private static void allow(Caller caller, String department) {
        switch (caller.role()) {
            case "ADMIN", "OPS" -> {
                // operators may read every feed
            }
            case "DEPARTMENT" -> {
                if (!department.equals(caller.department())) {
                    throw new Forbidden(caller.principal() + " may read only the feed of its own department");
                }
            }
            default -> throw new Forbidden(caller.principal() + " (role " + caller.role() + ") may not read feeds");
        }
    }
}
