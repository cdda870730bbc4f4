package io.fillonce.registry.subscription;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

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
    SubscriptionDocument toDocument(SubscriptionRequest request);

    /** Stored rules carry their effective defaults (a mask's keepPrefix and keepSuffix). */
    default List<TargetRule> toTargetRules(Map<String, FieldRule> fields) {
        return fields.entrySet().stream().map(entry -> {
            FieldRule rule = entry.getValue().withDefaults();
            return new TargetRule(entry.getKey(), rule.from(), rule.transform(), rule.keepPrefix(),
                    rule.keepSuffix(), rule.codeTable());
        }).toList();
    }

    default Map<String, FieldRule> toFieldRules(List<TargetRule> rules) {
        Map<String, FieldRule> fields = new LinkedHashMap<>();
        rules.forEach(rule -> fields.put(rule.target(), new FieldRule(rule.from(), rule.transform(),
                rule.keepPrefix(), rule.keepSuffix(), rule.codeTable())));
        return fields;
    }
}
