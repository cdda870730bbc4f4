package io.fillonce.registry.subscription;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.fillonce.registry.system.FieldProblem;
import io.fillonce.registry.system.Problems;

/** Everything a subscription must satisfy; every problem is reported, each with its JSON Pointer. */
@Component
class SubscriptionRules {

    /** Channels this slice can deliver; webhook and feed arrive with their delivery lanes. */
    static final Set<String> AVAILABLE = Set.of("topic");
    private static final Set<String> PLANNED = Set.of("webhook", "feed");

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
        new FieldRules(schema, request.recordType(), catalogue, problems).check(request.fields());
        new FilterRules(schema, problems).check(request.filter());
        checkChannels(request.channels(), problems);
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

    private static void checkChannels(List<String> channels, Problems problems) {
        if (channels == null || channels.isEmpty()) {
            problems.add("/channels", "minItems", "channels must list at least one channel; available: topic");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            String channel = channels.get(i);
            String pointer = Problems.child("/channels", i);
            if (PLANNED.contains(channel)) {
                problems.add(pointer, "available", "channel '" + channel + "' is not available yet; available: "
                        + String.join(", ", AVAILABLE));
            }
            else if (!AVAILABLE.contains(channel)) {
                problems.add(pointer, "enum", "unknown channel '" + channel + "'; available: "
                        + String.join(", ", AVAILABLE));
            }
            else if (!seen.add(channel)) {
                problems.add(pointer, "uniqueItems", "channel '" + channel + "' is listed twice");
            }
        }
    }
}
