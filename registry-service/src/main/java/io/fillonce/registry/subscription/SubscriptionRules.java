package io.fillonce.registry.subscription;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.fillonce.registry.system.Problems;
import io.fillonce.web.FieldProblem;

/** Everything a subscription must satisfy; every problem is reported, each with its JSON Pointer. */
@Component
class SubscriptionRules {

    /** Delivery channels: the department topic, the pull feed, and webhooks (needs an active department webhook). */
    static final List<String> AVAILABLE = List.of("topic", "feed", "webhook");

    private final Catalogue catalogue;

    SubscriptionRules(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    List<FieldProblem> check(SubscriptionRequest request) {
        Problems problems = new Problems();
        checkDepartment(request.department(), problems);
        JsonNode schema = checkRecordType(request.recordType(), problems);
        requireText(request.purpose(), "/purpose", "purpose", problems);
        requireText(request.legalBasis(), "/legalBasis", "legalBasis", problems);
        MappingRules.check(request.fields(), request.filter(), schema, request.recordType(), catalogue::codesOf,
                problems);
        checkChannels(request.channels(), problems);
        checkWebhook(request, problems);
        if (schema != null) {
            SensitiveFieldRule.check(request.fields(), catalogue.sensitivityOf(request.recordType()),
                    request.sensitiveFields(), problems);
        }
        return problems.list();
    }

    private void checkDepartment(String department, Problems problems) {
        if (!Problems.hasText(department)) {
            problems.add("/department", "required", "department is required, e.g. \"civil-affairs\"");
        }
        else if (!catalogue.hasDepartment(department)) {
            problems.add("/department", "exists", "no department '" + department + "'; register it first");
        }
    }

    private JsonNode checkRecordType(String recordType, Problems problems) {
        if (!Problems.hasText(recordType)) {
            problems.add("/recordType", "required", "recordType is required, e.g. \"resident\"");
            return null;
        }
        JsonNode schema = catalogue.schemaOf(recordType).orElse(null);
        if (schema == null) {
            problems.add("/recordType", "exists", "no record type '" + recordType + "'; register it first");
        }
        return schema;
    }

    private static void requireText(String value, String pointer, String name, Problems problems) {
        if (!Problems.hasText(value)) {
            problems.add(pointer, "required", name + " is required and must not be blank: every delivery "
                    + "carries it");
        }
    }

    private void checkWebhook(SubscriptionRequest request, Problems problems) {
        List<String> channels = request.channels();
        int webhook = channels == null ? -1 : channels.indexOf("webhook");
        if (webhook >= 0 && Problems.hasText(request.department()) && catalogue.hasDepartment(request.department())
                && !catalogue.hasActiveWebhook(request.department())) {
            problems.add(Problems.child("/channels", webhook), "webhook", "department '" + request.department()
                    + "' has no active webhook; add one (PUT /api/registry/departments/" + request.department()
                    + ") or enable it first");
        }
    }

    private static void checkChannels(List<String> channels, Problems problems) {
        if (channels == null || channels.isEmpty()) {
            problems.add("/channels", "minItems", "channels must list at least one channel; available: "
                    + String.join(", ", AVAILABLE));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            String channel = channels.get(i);
            String pointer = Problems.child("/channels", i);
            if (!AVAILABLE.contains(channel)) {
                problems.add(pointer, "enum", "unknown channel '" + channel + "'; available: "
                        + String.join(", ", AVAILABLE));
            }
            else if (!seen.add(channel)) {
                problems.add(pointer, "uniqueItems", "channel '" + channel + "' is listed twice");
            }
        }
    }
}
