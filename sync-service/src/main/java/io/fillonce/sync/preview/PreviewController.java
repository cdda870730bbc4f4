package io.fillonce.sync.preview;

import io.fillonce.fieldrules.FieldHasher;
import io.fillonce.fieldrules.InvalidMapping;
import io.fillonce.fieldrules.UnmappableRecord;
import io.fillonce.identity.VerifiedCaller;
import io.fillonce.sync.mapping.FieldHashes;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.web.InvalidInput;
import io.fillonce.web.NotFound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs a sample record through a registered subscription's filter and field mapping, with the same engine and
 * registry view that deliver for real. The gateway routes {@code /api/registry/subscriptions/{id}/preview} here
 * (registry-service owns subscriptions; sync-service owns what they do to a record), and
 * {@code /api/registry/sharing-requests/preview} for a subscription a department is about to ask for.
 */
@RestController
class PreviewController {

    private static final String BODY = "The request body is invalid";

    private final RegistryView registry;
    private final FieldHashes hashes;

    PreviewController(RegistryView registry, FieldHashes hashes) {
        this.registry = registry;
        this.hashes = hashes;
    }

    @PostMapping(path = "/api/registry/subscriptions/{id}/preview", consumes = "application/json")
    Preview preview(@PathVariable String id, @RequestBody JsonNode record) {
        if (record == null || !record.isObject()) {
            throw InvalidInput.of(BODY, "", "type", "the sample record must be a JSON object");
        }
        Subscription subscription = registry.subscription(id)
                .orElseThrow(() -> new NotFound("There is no subscription " + id + " (a new one is known here "
                        + "within a second or two of its registration)."));
        return previewOf(subscription, record, hashes.forDepartment(subscription.department()));
    }

    /**
     * What a sharing request's proposal (a subscription not yet approved) would deliver for a sample record: the
     * department's own proposal (an admin's names its department), run through the same engine.
     */
    @PostMapping(path = "/api/registry/sharing-requests/preview", consumes = "application/json")
    Preview previewProposal(@RequestBody JsonNode body,
            VerifiedCaller caller) {
        JsonNode proposal = body == null ? null : body.get("proposal");
        JsonNode record = body == null ? null : body.get("record");
        if (proposal == null || !proposal.isObject()) {
            throw InvalidInput.of(BODY, "/proposal", "type", "proposal must be the subscription asked for, as filed");
        }
        if (record == null || !record.isObject()) {
            throw InvalidInput.of(BODY, "/record", "type", "the sample record must be a JSON object");
        }
        ObjectNode state = ((ObjectNode) proposal).deepCopy();
        state.put("id", "proposal");
        if (!caller.isAdmin()) {
            state.put("department", caller.department());
        }
        try {
            Subscription proposed = RegistryView.proposed(state);
            // a department sees the shape of a hashed field, never its real hash: that would be an oracle for
            // testing guessed values against the hashes it receives
            return previewOf(proposed, record, caller.isAdmin()
                    ? hashes.forDepartment(proposed.department()) : FieldHashes.throwaway());
        }
        catch (InvalidMapping e) {
            throw InvalidInput.of(BODY, "/proposal", "mapping", e.getMessage());
        }
    }

    private Preview previewOf(Subscription subscription, JsonNode record, FieldHasher hasher) {
        if (!subscription.wants(record)) {
            return preview(subscription, false, "the filter excludes this record: it requires "
                    + subscription.filter().describe(), null);
        }
        try {
            return preview(subscription, true, null, subscription.fields().payloadFor(record, registry, hasher));
        }
        catch (UnmappableRecord e) {
            return preview(subscription, true, "this record cannot be mapped: " + e.getMessage(), null);
        }
    }

    private static Preview preview(Subscription subscription, boolean included, String reason, JsonNode payload) {
        return new Preview(subscription.id(), subscription.department(), subscription.recordType(), included, reason,
                payload);
    }
}
