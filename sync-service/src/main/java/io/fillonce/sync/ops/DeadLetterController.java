package io.fillonce.sync.ops;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.sync.webhook.DeadLetter;
import io.fillonce.sync.webhook.DeadLetters;
import io.fillonce.web.Conflict;
import io.fillonce.web.InvalidInput;
import io.fillonce.web.NotFound;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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

    private static final String BODY = "The request body is invalid";

    private static final int MAX_REASON = 500;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    Page<DeadLetterView> list(@RequestParam(required = false) String department, Paging paging) {
        return deadLetters.open(department, paging).map(DeadLetterController::view);
    }

    @GetMapping("/{id}")
    DeadLetterView show(@PathVariable String id) {
        return view(deadLetters.find(id).orElseThrow(() -> notFound(id)));
    }

    @PostMapping("/{id}/replay")
    DeadLetterView replay(@PathVariable String id) {
        return view(deadLetters.replay(id).orElseThrow(() -> notDead(id)));
    }

    @PostMapping("/{id}/discard")
    DeadLetterView discard(@PathVariable String id, @RequestBody(required = false) DiscardRequest request,
            VerifiedCaller caller) {
        String reason = request == null ? null : request.reason();
        if (reason == null || reason.isBlank()) {
            throw InvalidInput.of(BODY, "/reason", "required", "say why the dead letter is discarded");
        }
        if (reason.length() > MAX_REASON) {
            throw InvalidInput.of(BODY, "/reason", "maxLength",
                    "'reason' may be at most " + MAX_REASON + " characters");
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
