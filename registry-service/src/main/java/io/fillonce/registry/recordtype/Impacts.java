package io.fillonce.registry.recordtype;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

import io.fillonce.registry.system.JsonText;
import io.fillonce.registry.system.Problems;
import io.fillonce.web.FieldProblem;
import io.fillonce.web.InvalidInput;

/** Answers what a proposed record type change would break, before anyone changes anything. */
@Service
class Impacts {

    private final RecordTypes recordTypes;
    private final RecordTypeRules rules;
    private final Evolution evolution;
    private final JsonText jsonText;

    Impacts(RecordTypes recordTypes, RecordTypeRules rules, Evolution evolution, JsonText jsonText) {
        this.recordTypes = recordTypes;
        this.rules = rules;
        this.evolution = evolution;
        this.jsonText = jsonText;
    }

    /** The current schema with each {@code remove} pointer removed and each {@code /old:/new} rename applied. */
    ImpactView ofEdits(String name, List<String> removes, List<String> renames, String compatibility) {
        RecordTypeDocument document = recordTypes.load(name);
        if (removes.isEmpty() && renames.isEmpty()) {
            throw new InvalidInput("No change proposed", List.of(new FieldProblem(
                    "remove", "required", "give ?remove=/pointer and/or ?rename=/old:/new, or POST a schema")));
        }
        SchemaEdits edits = new SchemaEdits(jsonText.read(document.current().schema()),
                document.current().entityKey());
        removes.forEach(pointer -> edits.remove(pointer, "remove"));
        renames.forEach(change -> edits.rename(change, "rename"));
        JsonNode schema = edits.schema();
        return judge(document, mode(compatibility, document, "compatibility"), edits.entityKey(), schema,
                recordTypes.currentSensitivity(name));
    }

    ImpactView ofSchema(String name, ImpactRequest request) {
        RecordTypeDocument document = recordTypes.load(name);
        List<String> entityKey = request.entityKey() == null ? document.current().entityKey() : request.entityKey();
        var problems = rules.check(new RecordTypeRequest(null, document.current().title(), entityKey,
                request.schema(), request.sensitivity(), request.compatibility(), document.current().regionField(),
                document.current().crossRegionCorrection()), name);
        if (!problems.isEmpty()) {
            throw new InvalidInput("The proposed record type is invalid", problems);
        }
        return judge(document, mode(request.compatibility(), document, "/compatibility"), entityKey,
                request.schema(), request.sensitivity() == null ? recordTypes.currentSensitivity(name)
                        : request.sensitivity());
    }

    private ImpactView judge(RecordTypeDocument document, Compatibility mode, List<String> entityKey,
            JsonNode schema, Map<String, String> sensitivity) {
        Evolution.Verdict verdict = evolution.judge(document, mode, entityKey, schema, sensitivity);
        return new ImpactView(document.getId(), document.current().version(), mode,
                verdict.incompatibilities().isEmpty(), verdict.incompatibilities(), verdict.breaks(),
                verdict.safe(), entityKey, schema);
    }

    private static Compatibility mode(String given, RecordTypeDocument document, String pointer) {
        if (given == null) {
            return document.getCompatibility();
        }
        try {
            return Compatibility.valueOf(given);
        }
        catch (IllegalArgumentException e) {
            Problems problems = new Problems();
            problems.add(pointer, "enum", "compatibility must be one of BACKWARD, FORWARD, FULL, NONE");
            problems.throwIfAny("The compatibility mode is invalid");
            throw e;
        }
    }
}
