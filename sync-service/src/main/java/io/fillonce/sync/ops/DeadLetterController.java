package io.fillonce.sync.ops;

import java.util.List;
import java.util.Set;

import io.fillonce.sync.delivery.Delivery;
import io.fillonce.sync.delivery.Lanes;
import io.fillonce.sync.delivery.Ledger;
import io.fillonce.sync.system.Caller;
import io.fillonce.sync.system.Conflict;
import io.fillonce.sync.system.InvalidInput;
import io.fillonce.sync.system.NotFound;
import io.fillonce.sync.system.Paging;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters for OPS and ADMIN: list, inspect, replay (back in the lane with a fresh retry budget; its entity
 * stays in order behind it) and discard with a recorded reason (the entity flows on). Ids are ledger ids,
 * {@code <eventId>|<department>|<channel>} (URL-encode the {@code |}).
 */
@RestController
@RequestMapping("/api/ops/dead-letters")
class DeadLetterController {

    static final Set<String> OPERATORS = Set.of("OPS", "ADMIN");
    private static final int MAX_REASON = 500;

    private final Ledger ledger;
    private final Lanes lanes;
    private final OpsMapper mapper;

    DeadLetterController(Ledger ledger, Lanes lanes, OpsMapper mapper) {
        this.ledger = ledger;
        this.lanes = lanes;
        this.mapper = mapper;
    }

    @GetMapping
    List<DeadLetter> list(@RequestParam(required = false) String department,
            @RequestParam(required = false) String limit,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller.of(principal, role, null).requireRole(OPERATORS);
        return ledger.deadLetters(department, Paging.limit(limit)).stream().map(mapper::deadLetter).toList();
    }

    @GetMapping("/{id}")
    DeadLetter show(@PathVariable String id,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller.of(principal, role, null).requireRole(OPERATORS);
        return mapper.deadLetter(ledger.find(id).orElseThrow(() -> notFound(id)));
    }

    @PostMapping("/{id}/replay")
    DeadLetter replay(@PathVariable String id,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller.of(principal, role, null).requireRole(OPERATORS);
        Delivery replayed = ledger.replay(id).orElseThrow(() -> notDead(id));
        lanes.wake(replayed.department(), replayed.channel());
        return mapper.deadLetter(replayed);
    }

    @PostMapping("/{id}/discard")
    DeadLetter discard(@PathVariable String id, @RequestBody(required = false) DiscardRequest request,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller caller = Caller.of(principal, role, null).requireRole(OPERATORS);
        String reason = request == null ? null : request.reason();
        if (reason == null || reason.isBlank()) {
            throw InvalidInput.of("/reason", "required", "say why the dead letter is discarded");
        }
        if (reason.length() > MAX_REASON) {
            throw InvalidInput.of("/reason", "maxLength", "'reason' may be at most " + MAX_REASON + " characters");
        }
        Delivery discarded = ledger.discard(id, reason.strip() + " (by " + caller.principal() + ")")
                .orElseThrow(() -> notDead(id));
        lanes.wake(discarded.department(), discarded.channel());
        return mapper.deadLetter(discarded);
    }

    private RuntimeException notDead(String id) {
        return ledger.find(id).<RuntimeException>map(d -> new Conflict("ledger entry " + id + " is " + d.status()
                + ", not a dead letter")).orElseGet(() -> notFound(id));
    }

    private static NotFound notFound(String id) {
        return new NotFound("no ledger entry " + id);
    }
}
