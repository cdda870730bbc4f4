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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.registry.system.Forbidden;
import io.fillonce.web.NotFound;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

@Tag(name = "Subscriptions", description = "What each department receives, why, and how")
@RestController
@RequestMapping("/api/registry/subscriptions")
class SubscriptionController {

    private final Subscriptions subscriptions;
    private final SubscriptionLifecycle lifecycle;

    SubscriptionController(Subscriptions subscriptions, SubscriptionLifecycle lifecycle) {
        this.subscriptions = subscriptions;
        this.lifecycle = lifecycle;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SubscriptionView subscribe(@RequestBody SubscriptionRequest request, VerifiedCaller caller) {
        return subscriptions.subscribe(request, caller.principal());
    }

    @Operation(summary = "Change what it shares (mapping, filter, channels, purpose, legal basis) as a new version, "
            + "checked as at creation; the next messages use it and name its version")
    @PutMapping("/{id}")
    SubscriptionView change(@PathVariable String id, @RequestBody SubscriptionRequest request,
            @Parameter(description = "send the department's current state again, mapped under the new version")
            @RequestParam(defaultValue = "false") boolean resync,
            VerifiedCaller caller) {
        return subscriptions.change(id, request, resync, caller.principal());
    }

    @Operation(summary = "Suspend: nothing is delivered; every version the department misses is delivered, in order, "
            + "on resume")
    @PostMapping("/{id}/suspend")
    SubscriptionView suspend(@PathVariable String id, @RequestBody LifecycleRequest request,
            VerifiedCaller caller) {
        return lifecycle.take(id, SubscriptionLifecycle.Step.SUSPEND, request, caller.principal());
    }

    @Operation(summary = "Resume a suspended subscription: what it held is delivered first, in order")
    @PostMapping("/{id}/resume")
    SubscriptionView resume(@PathVariable String id, @RequestBody LifecycleRequest request,
            VerifiedCaller caller) {
        return lifecycle.take(id, SubscriptionLifecycle.Step.RESUME, request, caller.principal());
    }

    @Operation(summary = "End for good: nothing more is delivered on any channel, the department gets a final "
            + "fillonce.subscription.ended notice on each, and its Kafka read stops with its last topic subscription")
    @PostMapping("/{id}/end")
    SubscriptionView end(@PathVariable String id, @RequestBody LifecycleRequest request,
            VerifiedCaller caller) {
        return lifecycle.take(id, SubscriptionLifecycle.Step.END, request, caller.principal());
    }

    @Operation(summary = "Subscriptions by id; filter by department, recordType, channel and status (ACTIVE, "
            + "SUSPENDED, ENDED); a department sees only its own")
    @GetMapping
    Page<SubscriptionView> list(@RequestParam(required = false) String department,
            @RequestParam(required = false) String recordType, @RequestParam(required = false) String channel,
            @RequestParam(required = false) SubscriptionStatus status,
            Paging paging,
            VerifiedCaller caller) {
        if (!caller.isAdmin() && caller.department() == null) {
            throw new Forbidden("only administrators and departments list subscriptions");
        }
        String only = caller.isAdmin() ? department : caller.department();
        return subscriptions.list(new Subscriptions.Filter(only, recordType, channel, status), paging);
    }

    @Operation(summary = "One subscription; a department sees only its own")
    @GetMapping("/{id}")
    SubscriptionView get(@PathVariable String id, VerifiedCaller caller) {
        SubscriptionView subscription = subscriptions.get(id);
        if (!caller.isAdmin() && !subscription.department().equals(caller.department())) {
            throw new NotFound("subscription", id);
        }
        return subscription;
    }
}
