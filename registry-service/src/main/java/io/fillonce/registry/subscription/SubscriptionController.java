package io.fillonce.registry.subscription;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.fillonce.registry.system.Forbidden;
import io.fillonce.registry.system.NotFound;
import io.fillonce.registry.system.PageOf;
import io.fillonce.registry.system.Paging;

@Tag(name = "Subscriptions", description = "What each department receives, why, and how")
@RestController
@RequestMapping("/api/registry/subscriptions")
class SubscriptionController {

    private static final String PRINCIPAL = Caller.PRINCIPAL;

    private final Subscriptions subscriptions;
    private final SubscriptionLifecycle lifecycle;

    SubscriptionController(Subscriptions subscriptions, SubscriptionLifecycle lifecycle) {
        this.subscriptions = subscriptions;
        this.lifecycle = lifecycle;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SubscriptionView subscribe(@RequestBody SubscriptionRequest request, @RequestHeader(PRINCIPAL) String principal) {
        return subscriptions.subscribe(request, principal);
    }

    @Operation(summary = "Change what it shares (mapping, filter, channels, purpose, legal basis) as a new version, "
            + "checked as at creation; the next messages use it and name its version")
    @PutMapping("/{id}")
    SubscriptionView change(@PathVariable String id, @RequestBody SubscriptionRequest request,
            @Parameter(description = "send the department's current state again, mapped under the new version")
            @RequestParam(defaultValue = "false") boolean resync,
            @RequestHeader(PRINCIPAL) String principal) {
        return subscriptions.change(id, request, resync, principal);
    }

    @Operation(summary = "Suspend: nothing is delivered; every version the department misses is delivered, in order, "
            + "on resume")
    @PostMapping("/{id}/suspend")
    SubscriptionView suspend(@PathVariable String id, @RequestBody LifecycleRequest request,
            @RequestHeader(PRINCIPAL) String principal) {
        return lifecycle.take(id, SubscriptionLifecycle.Step.SUSPEND, request, principal);
    }

    @Operation(summary = "Resume a suspended subscription: what it held is delivered first, in order")
    @PostMapping("/{id}/resume")
    SubscriptionView resume(@PathVariable String id, @RequestBody LifecycleRequest request,
            @RequestHeader(PRINCIPAL) String principal) {
        return lifecycle.take(id, SubscriptionLifecycle.Step.RESUME, request, principal);
    }

    @Operation(summary = "End for good: nothing more is delivered on any channel, the department gets a final "
            + "fillonce.subscription.ended notice on each, and its Kafka read stops with its last topic subscription")
    @PostMapping("/{id}/end")
    SubscriptionView end(@PathVariable String id, @RequestBody LifecycleRequest request,
            @RequestHeader(PRINCIPAL) String principal) {
        return lifecycle.take(id, SubscriptionLifecycle.Step.END, request, principal);
    }

    @Operation(summary = "Subscriptions by id; filter by department, recordType, channel and status (ACTIVE, "
            + "SUSPENDED, ENDED); a department sees only its own")
    @GetMapping
    PageOf<SubscriptionView> list(@RequestParam(required = false) String department,
            @RequestParam(required = false) String recordType, @RequestParam(required = false) String channel,
            @RequestParam(required = false) SubscriptionStatus status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestHeader(Caller.ROLE) String role,
            @RequestHeader(name = Caller.DEPARTMENT, required = false) String own) {
        if (!Caller.isAdmin(role) && own == null) {
            throw new Forbidden("only administrators and departments list subscriptions");
        }
        String only = Caller.isAdmin(role) ? department : own;
        return subscriptions.list(new Subscriptions.Filter(only, recordType, channel, status), Paging.of(page, size));
    }

    @Operation(summary = "One subscription; a department sees only its own")
    @GetMapping("/{id}")
    SubscriptionView get(@PathVariable String id, @RequestHeader(Caller.ROLE) String role,
            @RequestHeader(name = Caller.DEPARTMENT, required = false) String own) {
        SubscriptionView subscription = subscriptions.get(id);
        if (!Caller.isAdmin(role) && !subscription.department().equals(own)) {
            throw new NotFound("subscription", id);
        }
        return subscription;
    }
}
