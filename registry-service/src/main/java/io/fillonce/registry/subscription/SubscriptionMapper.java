package io.fillonce.registry.subscription;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mapstruct.InheritConfiguration;
import org.mapstruct.Mapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.mapstruct.Mapping;
import org.mapstruct.MappingTarget;

import io.fillonce.fieldrules.RuleDefinition;
import io.fillonce.registry.subscription.SubscriptionDocument.TargetRule;
import io.fillonce.registry.system.JsonText;

@Mapper(uses = JsonText.class)
interface SubscriptionMapper {

    SubscriptionView toView(SubscriptionDocument document);

    @Mapping(target = "id", ignore = true)
    @Mapping(target = "lock", ignore = true)
    @Mapping(target = "revision", ignore = true)
    @Mapping(target = "updatedAt", ignore = true)
    @Mapping(target = "published", ignore = true)
    @Mapping(target = "subjects", ignore = true)
    @Mapping(target = "status", ignore = true)
    @Mapping(target = "statusSince", ignore = true)
    @Mapping(target = "steps", ignore = true)
    @Mapping(target = "topicReadUntil", ignore = true)
    @Mapping(target = "topicReadRevoked", ignore = true)
    @Mapping(target = "version", ignore = true)
    @Mapping(target = "resyncVersion", ignore = true)
    SubscriptionDocument toDocument(SubscriptionRequest request);

    /** A change: what the subscription shares and why; who it is for, its life and its subjects stay. */
    @InheritConfiguration(name = "toDocument")
    @Mapping(target = "department", ignore = true)
    @Mapping(target = "recordType", ignore = true)
    void change(SubscriptionRequest request, @MappingTarget SubscriptionDocument document);

    /** Stored rules carry their effective defaults (a mask's keepPrefix and keepSuffix). */
    default List<TargetRule> toTargetRules(Map<String, RuleDefinition> fields) {
        return fields.entrySet().stream().map(entry -> {
            RuleDefinition rule = entry.getValue().withDefaults();
            return new TargetRule(entry.getKey(), rule.from(), rule.sources(), rule.separator(),
                    jsonText(rule.value()), rule.transform(), rule.keepPrefix(), rule.keepSuffix(),
                    rule.codeTable(), rule.pattern(), rule.zone(), rule.scale(), rule.rounding(),
                    jsonText(rule.defaultValue()));
        }).toList();
    }

    default Map<String, RuleDefinition> toFieldRules(List<TargetRule> rules) {
        Map<String, RuleDefinition> fields = new LinkedHashMap<>();
        rules.forEach(rule -> fields.put(rule.target(), new RuleDefinition(rule.from(), rule.sources(),
                rule.separator(), jsonValue(rule.value()), rule.transform(), rule.keepPrefix(), rule.keepSuffix(),
                rule.codeTable(), rule.pattern(), rule.zone(), rule.scale(), rule.rounding(),
                jsonValue(rule.defaultValue()))));
        return fields;
    }

    /** A rule's literal (constant value, default) as stored: JSON text, null when absent. */
    private static String jsonText(JsonNode value) {
        return value == null ? null : JsonMapper.shared().writeValueAsString(value);
    }

    private static JsonNode jsonValue(String text) {
        return text == null ? null : JsonMapper.shared().readTree(text);
    }
}
