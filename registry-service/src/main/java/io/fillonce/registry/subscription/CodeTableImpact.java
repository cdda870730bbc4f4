package io.fillonce.registry.subscription;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.fillonce.registry.codetable.CodeTableUsers;
import io.fillonce.registry.recordtype.RecordTypes;
import io.fillonce.registry.recordtype.SchemaTree;

/**
 * The codes a subscription field uses are its source field's enum values, or, when the source has no enum,
 * every code the table had: removing or changing one of them breaks the field.
 */
@Component
class CodeTableImpact implements CodeTableUsers {

    private final MongoTemplate mongo;
    private final RecordTypes recordTypes;

    CodeTableImpact(MongoTemplate mongo, RecordTypes recordTypes) {
        this.mongo = mongo;
        this.recordTypes = recordTypes;
    }

    @Override
    public List<Reader> readers(String table) {
        Query users = Query.query(Criteria.where("fields.codeTable").is(table));
        return mongo.find(users, SubscriptionDocument.class).stream()
                .map(subscription -> new Reader(subscription.getId(), subscription.getDepartment(),
                        subscription.getRecordType(), subscription.getFields().stream()
                                .filter(rule -> table.equals(rule.codeTable()))
                                .map(SubscriptionDocument.TargetRule::target).toList()))
                .toList();
    }

    @Override
    public List<CodeBreak> breaks(String table, Map<String, String> before, Map<String, String> after) {
        List<CodeBreak> breaks = new ArrayList<>();
        Query users = Query.query(Criteria.where("fields.codeTable").is(table));
        for (SubscriptionDocument subscription : mongo.find(users, SubscriptionDocument.class)) {
            JsonNode schema = recordTypes.currentSchema(subscription.getRecordType()).orElse(null);
            for (SubscriptionDocument.TargetRule rule : subscription.getFields()) {
                if (table.equals(rule.codeTable())) {
                    for (String code : usedCodes(schema, rule.from(), before)) {
                        String problem = problem(code, before, after);
                        if (problem != null) {
                            breaks.add(new CodeBreak(subscription.getId(), subscription.getDepartment(),
                                    rule.target(), code, problem));
                        }
                    }
                }
            }
        }
        return breaks;
    }

    static Set<String> usedCodes(JsonNode schema, String from, Map<String, String> before) {
        JsonNode source = schema == null ? null : SchemaTree.property(schema, from).orElse(null);
        if (source == null || !source.path("enum").isArray()) {
            return before.keySet();
        }
        Set<String> codes = new LinkedHashSet<>();
        source.get("enum").values().forEach(value -> {
            if (!value.isNull()) {
                codes.add(value.asString());
            }
        });
        return codes;
    }

    static String problem(String code, Map<String, String> before, Map<String, String> after) {
        if (!before.containsKey(code)) {
            return null;
        }
        if (!after.containsKey(code)) {
            return "code '" + code + "' would be removed, but the field uses it";
        }
        if (!Objects.equals(before.get(code), after.get(code))) {
            return "code '" + code + "' would change from '" + before.get(code) + "' to '" + after.get(code)
                    + "', changing what the department receives";
        }
        return null;
    }
}
