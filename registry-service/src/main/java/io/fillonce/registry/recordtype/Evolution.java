package io.fillonce.registry.recordtype;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.fillonce.registry.recordtype.MappingGuard.MappingBreak;
import io.fillonce.registry.system.Incompatible;
import io.fillonce.registry.system.JsonText;
import io.fillonce.registry.system.Problems;
import io.fillonce.web.FieldProblem;

/** Judges a proposed version of a record type: schema compatibility under a mode, and subscriptions it breaks. */
@Component
class Evolution {

    private final MappingGuard guard;
    private final JsonText jsonText;

    Evolution(MappingGuard guard, JsonText jsonText) {
        this.guard = guard;
        this.jsonText = jsonText;
    }

    Verdict judge(RecordTypeDocument document, Compatibility mode, List<String> entityKey, JsonNode schema,
            Map<String, String> sensitivity) {
        RecordTypeDocument.Version current = document.current();
        List<FieldProblem> problems = CompatibilityCheck.check(mode, current.entityKey(),
                jsonText.read(current.schema()), entityKey, schema);
        return new Verdict(mode, problems, guard.breaks(document.getId(), schema,
                newlySensitive(current, sensitivity)));
    }

    /**
     * The fields this change makes SENSITIVE: subscriptions must already cover those; what was SENSITIVE before
     * was checked when each subscription was registered.
     */
    private static Map<String, String> newlySensitive(RecordTypeDocument.Version current,
            Map<String, String> sensitivity) {
        Map<String, String> added = new HashMap<>(sensitivity);
        current.sensitivity().forEach(each -> {
            if (each.level() == Sensitivity.SENSITIVE) {
                added.remove(each.field());
            }
        });
        return added;
    }

    /** The outcome: {@code incompatibilities} by the mode, {@code breaks} of subscriptions (checked in every mode). */
    record Verdict(Compatibility mode, List<FieldProblem> incompatibilities, List<MappingBreak> breaks) {

        boolean safe() {
            return incompatibilities.isEmpty() && breaks.isEmpty();
        }

        /**
         * 409 listing every reason in {@code errors}: schema incompatibilities at their record pointers, and each
         * broken subscription field at the record pointer it reads (rule "subscription"); the broken
         * subscriptions in detail under {@code subscriptions}.
         */
        Incompatible refusal(String name) {
            Problems problems = new Problems();
            problems.addAll(incompatibilities);
            breaks.forEach(each -> problems.add(each.source() == null ? "" : each.source(), "subscription",
                    "subscription " + each.subscription() + " (department " + each.department() + ")"
                            + (each.target() == null ? " filter" : ", target field '" + each.target() + "'")
                            + ": " + each.message()));
            return new Incompatible("The new version of record type '" + name + "' is incompatible ("
                    + mode + ")", problems.list(), Map.of("compatibility", mode, "subscriptions", breaks));
        }
    }
}
