package io.fillonce.registry.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.fillonce.registry.codetable.CodeTables;
import io.fillonce.registry.recordtype.MappingGuard;
import io.fillonce.registry.recordtype.SchemaTree;
import io.fillonce.registry.system.JsonText;
import io.fillonce.registry.system.Problems;
import io.fillonce.web.FieldProblem;

/**
 * Checks existing subscriptions against a proposed record type schema with the very rules that registered them:
 * a source pointer that no longer resolves, a transform the new type does not fit, an enum the code table no
 * longer covers, a filter field that is gone.
 */
@Component
class SubscriptionImpact implements MappingGuard {

    private final SubscriptionRepository repository;
    private final SubscriptionMapper mapper;
    private final CodeTables codeTables;
    private final JsonText jsonText;

    SubscriptionImpact(SubscriptionRepository repository, SubscriptionMapper mapper, CodeTables codeTables,
            JsonText jsonText) {
        this.repository = repository;
        this.mapper = mapper;
        this.codeTables = codeTables;
        this.jsonText = jsonText;
    }

    @Override
    public List<MappingBreak> breaks(String recordType, JsonNode schema, Map<String, String> sensitivity) {
        List<MappingBreak> breaks = new ArrayList<>();
        for (SubscriptionDocument subscription : repository.findByRecordType(recordType)) {
            Problems problems = new Problems();
            MappingRules.check(mapper.toFieldRules(subscription.getFields()), jsonText.read(subscription.getFilter()),
                    schema, recordType, codeTables::canonicalCodes, problems);
            SensitiveFieldRule.check(mapper.toFieldRules(subscription.getFields()), sensitivity,
                    subscription.getSensitiveFields(), problems);
            problems.list().forEach(problem -> breaks.add(toBreak(subscription, problem)));
        }
        return breaks;
    }

    private MappingBreak toBreak(SubscriptionDocument subscription, FieldProblem problem) {
        String target = null;
        String source = null;
        if (problem.pointer().startsWith("/fields/")) {
            List<String> tokens = SchemaTree.tokens(problem.pointer());
            target = tokens.get(1);
            source = subscription.getFields().stream().filter(rule -> rule.target().equals(tokens.get(1)))
                    .findFirst().map(rule -> sourceOf(rule, tokens)).orElse(null);
        }
        else if (problem.pointer().startsWith("/filter")) {
            JsonNode filter = jsonText.read(subscription.getFilter());
            JsonNode field = filter.at(problem.pointer().substring("/filter".length()));
            source = field.isString() ? field.stringValue() : null;
        }
        return new MappingBreak(subscription.getId(), subscription.getDepartment(), target, source,
                problem.pointer(), problem.rule(), problem.message());
    }

    /**
     * The source a problem is about: the concat source its pointer names ({@code /fields/<t>/sources/<i>}), else the
     * rule's {@code from}, else (a concat problem as a whole) its sources joined with ", ".
     */
    static String sourceOf(SubscriptionDocument.TargetRule rule, List<String> tokens) {
        if (tokens.size() > 3 && tokens.get(2).equals("sources") && rule.sources() != null
                && tokens.get(3).matches("\\d+") && Integer.parseInt(tokens.get(3)) < rule.sources().size()) {
            return rule.sources().get(Integer.parseInt(tokens.get(3)));
        }
        if (rule.from() != null || rule.sources() == null) {
            return rule.from();
        }
        return String.join(", ", rule.sources());
    }
}
