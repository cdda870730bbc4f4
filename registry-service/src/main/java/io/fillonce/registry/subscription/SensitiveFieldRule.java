package io.fillonce.registry.subscription;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import io.fillonce.fieldrules.MappingParser;
import io.fillonce.fieldrules.RuleDefinition;
import io.fillonce.registry.recordtype.SchemaTree;
import io.fillonce.registry.system.Problems;

/**
 * A subscription that maps a SENSITIVE field must name a legal basis that explicitly covers it: a non-blank
 * {@code legalBasis} and the field in {@code sensitiveFields} (as the source pointer, the top-level pointer or the
 * top-level field name; sensitivity is declared per top-level field, so {@code /address/line} is sensitive when
 * {@code address} is).
 */
final class SensitiveFieldRule {

    static final String SENSITIVE = "SENSITIVE";

    private SensitiveFieldRule() {
    }

    static void check(Map<String, RuleDefinition> fields, Map<String, String> sensitivity, List<String> covered,
            Problems problems) {
        if (fields == null) {
            return;
        }
        List<String> listed = covered == null ? List.of() : covered;
        fields.forEach((target, rule) -> {
            if (rule == null) {
                return;
            }
            for (RuleDefinition.Read read : rule.reads(Problems.child("/fields", target))) {
                String field = topLevel(read.from());
                if (field != null && SENSITIVE.equals(sensitivity.get(field))
                        && !isCovered(read.from(), field, listed)) {
                    problems.add(read.at(), "legalBasis", "'" + read.from() + "' is SENSITIVE: list it in "
                            + "sensitiveFields, with a legalBasis that explicitly covers it");
                }
            }
        });
    }

    /** The SENSITIVE source pointers {@code fields} read (each once, in mapping order). */
    static List<String> sensitiveReads(Map<String, RuleDefinition> fields, Map<String, String> sensitivity) {
        Set<String> reads = new LinkedHashSet<>();
        if (fields != null) {
            fields.forEach((target, rule) -> {
                if (rule != null) {
                    for (RuleDefinition.Read read : rule.reads(Problems.child("/fields", target))) {
                        String field = topLevel(read.from());
                        if (field != null && SENSITIVE.equals(sensitivity.get(field))) {
                            reads.add(read.from());
                        }
                    }
                }
            });
        }
        return List.copyOf(reads);
    }

    /**
     * The SENSITIVE pointers a valid filter tests (its leaves, inside {@code all} and {@code any}): which entities
     * arrive tells the department about them, though it gets none of their values.
     */
    static List<String> sensitiveFilterReads(JsonNode filter, Map<String, String> sensitivity) {
        Set<String> reads = new LinkedHashSet<>();
        for (String field : MappingParser.shapeOnly().filter(filter).fields()) {
            String top = topLevel(field);
            if (top != null && SENSITIVE.equals(sensitivity.get(top))) {
                reads.add(field);
            }
        }
        return List.copyOf(reads);
    }

    private static boolean isCovered(String from, String field, List<String> listed) {
        return listed.contains(from) || listed.contains(field) || listed.contains(Problems.child("", field));
    }

    private static String topLevel(String from) {
        if (from == null || !from.startsWith("/")) {
            return null;
        }
        return SchemaTree.tokens(from).get(0);
    }
}
