package io.fillonce.registry.subscription;

import java.util.Locale;

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

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

@Tag(name = "Sharing requests", description = "Departments ask for data; the record type's owner (and an admin for "
        + "SENSITIVE fields) approves or rejects")
@RestController
@RequestMapping("/api/registry/sharing-requests")
class SharingRequestController {

    private final SharingRequests requests;

    SharingRequestController(SharingRequests requests) {
        this.requests = requests;
    }

    @Operation(summary = "A department asks for a new subscription, or a change of one of its own (subscription), "
            + "checked as a subscription is; it waits for the owner's approval (and an admin's for SENSITIVE fields)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SharingRequestView file(@RequestBody SharingRequestBody body, VerifiedCaller caller) {
        return requests.file(body, caller);
    }

    @Operation(summary = "Approve or reject, with a reason the department reads: the last approval creates (or "
            + "changes) the subscription; a rejection ends the request")
    @PostMapping("/{id}/{decision:approve|reject}")
    SharingRequestView decide(@PathVariable String id, @PathVariable String decision,
            @RequestBody LifecycleRequest body, VerifiedCaller caller) {
        return requests.decide(id, SharingRequests.Decision.valueOf(decision.toUpperCase(Locale.ROOT)), body,
                caller);
    }

    @Operation(summary = "The requesting department takes its open request back, with a reason")
    @PostMapping("/{id}/withdraw")
    SharingRequestView withdraw(@PathVariable String id, @RequestBody LifecycleRequest body,
            VerifiedCaller caller) {
        return requests.withdraw(id, body, caller);
    }

    @Operation(summary = "A department's own requests and those it decides as owner (an admin sees all), oldest "
            + "first; filter by status (REQUESTED, APPROVED, REJECTED, WITHDRAWN)")
    @GetMapping
    Page<SharingRequestView> list(@RequestParam(required = false) SharingRequestStatus status,
            Paging paging,
            VerifiedCaller caller) {
        return requests.list(status, caller, paging);
    }

    @GetMapping("/{id}")
    SharingRequestView get(@PathVariable String id, VerifiedCaller caller) {
        return requests.get(id, caller);
    }
}
