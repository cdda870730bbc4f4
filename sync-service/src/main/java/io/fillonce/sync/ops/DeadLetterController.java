package io.fillonce.sync.ops;

import java.util.List;
import java.util.Set;

import io.fillonce.sync.system.Caller;
import io.fillonce.sync.system.Conflict;
import io.fillonce.sync.system.InvalidInput;
import io.fillonce.sync.system.NotFound;
import io.fillonce.sync.system.Paging;
import io.fillonce.sync.webhook.DeadLetter;
import io.fillonce.sync.webhook.DeadLetters;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters for OPS and ADMIN: list the open ones, inspect, replay (the department's webhook worker posts it
 * again, then the versions held behind it, in order) and discard with a recorded reason (the held versions flow on).
 * Ids are {@code <eventId>|<department>|webhook} (URL-encode the {@code |}).
 */
@RestController
@RequestMapping("/api/ops/dead-letters")
class DeadLetterController {

    static final Set<String> OPERATORS = Set.of("OPS", "ADMIN");
    private static final int MAX_REASON = 500;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    List<DeadLetterView> list(@RequestParam(required = false) String department,
            @RequestParam(required = false) String limit,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller.of(principal, role, null).requireRole(OPERATORS);
        return deadLetters.open(department, Paging.limit(limit)).stream().map(DeadLetterController::view).toList();
    }

    @GetMapping("/{id}")
    DeadLetterView show(@PathVariable String id,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller.of(principal, role, null).requireRole(OPERATORS);
        return view(deadLetters.find(id).orElseThrow(() -> notFound(id)));
    }

    @PostMapping("/{id}/replay")
    DeadLetterView replay(@PathVariable String id,
            @RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller.of(principal, role, null).requireRole(OPERATORS);
        return view(deadLetters.replay(id).orElseThrow(() -> notDead(id)));
    }

    @PostMapping("/{id}/discard")
    DeadLetterView discard(@PathVariable String id, @RequestBody(required = false) DiscardRequest request,
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
        return view(deadLetters.discard(id, reason.strip() + " (by " + caller.principal() + ")")
                .orElseThrow(() -> notDead(id)));
    }

    private static DeadLetterView view(DeadLetter d) {
        return new DeadLetterView(d.id(), d.eventId(), d.department(), d.channel(), d.subscription(), d.type(),
                d.entityKey(), d.version(), d.status().name(), d.reason(), d.attempts(), d.payloadHash(), d.createdAt(),
                d.resolvedAt(), d.discardReason());
    }

    private RuntimeException notDead(String id) {
        return deadLetters.find(id).<RuntimeException>map(d -> new Conflict("dead letter " + id + " is "
                + d.status() + ", not DEAD")).orElseGet(() -> notFound(id));
    }

    private static NotFound notFound(String id) {
        return new NotFound("no dead letter " + id);
    }
}
