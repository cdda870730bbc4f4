package io.fillonce.registry.subscription;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

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

    /** At most 500 subscriptions, by id; narrow with {@code department} and/or {@code recordType}. */
    @GetMapping
    List<SubscriptionView> list(@RequestParam(required = false) String department,
            @RequestParam(required = false) String recordType) {
        return subscriptions.list(department, recordType);
    }

    @GetMapping("/{id}")
    SubscriptionView get(@PathVariable String id) {
        return subscriptions.get(id);
    }
}
