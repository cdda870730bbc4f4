package io.fillonce.registry.subscription;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.fillonce.registry.system.PageOf;
import io.fillonce.registry.system.Paging;

@Tag(name = "Subscriptions", description = "What each department receives, why, and how")
@RestController
@RequestMapping("/api/registry/subscriptions")
class SubscriptionController {

    private final Subscriptions subscriptions;

    SubscriptionController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SubscriptionView subscribe(@RequestBody SubscriptionRequest request) {
        return subscriptions.subscribe(request);
    }

    @Operation(summary = "Subscriptions by id; filter by department, recordType and channel")
    @GetMapping
    PageOf<SubscriptionView> list(@RequestParam(required = false) String department,
            @RequestParam(required = false) String recordType, @RequestParam(required = false) String channel,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return subscriptions.list(department, recordType, channel, Paging.of(page, size));
    }

    @GetMapping("/{id}")
    SubscriptionView get(@PathVariable String id) {
        return subscriptions.get(id);
    }
}
