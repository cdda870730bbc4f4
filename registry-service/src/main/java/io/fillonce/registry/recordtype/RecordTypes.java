package io.fillonce.registry.recordtype;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import io.fillonce.registry.publishing.RegistryPublisher;
import io.fillonce.registry.system.AlreadyExists;
import io.fillonce.registry.system.JsonText;
import io.fillonce.registry.system.Pages;
import io.fillonce.web.InvalidInput;
import io.fillonce.web.NotFound;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

/** Registers record types and gives them new immutable versions, refusing incompatible ones. */
@Service
public class RecordTypes {

    private final RecordTypeRepository repository;
    private final RecordTypeRules rules;
    private final RecordTypeMapper mapper;
    private final Evolution evolution;
    private final RegistryPublisher publisher;
    private final MongoTemplate mongo;
    private final JsonText jsonText;
    private final Clock clock;

    RecordTypes(RecordTypeRepository repository, RecordTypeRules rules, RecordTypeMapper mapper, Evolution evolution,
            RegistryPublisher publisher, MongoTemplate mongo, JsonText jsonText, Clock clock) {
        this.repository = repository;
        this.rules = rules;
        this.mapper = mapper;
        this.evolution = evolution;
        this.publisher = publisher;
        this.mongo = mongo;
        this.jsonText = jsonText;
        this.clock = clock;
    }

    RecordTypeView register(RecordTypeRequest request) {
        validate(request, null);
        if (repository.existsById(request.name())) {
            throw new AlreadyExists("record type", request.name());
        }
        RecordTypeDocument document = new RecordTypeDocument();
        document.setId(request.name());
        document.setCompatibility(modeOf(request, Compatibility.BACKWARD));
        return addVersion(document, request, true);
    }

    /**
     * A new version, if compatible with the current one under the request's mode (else the type's mode) and if
     * it breaks no subscription; otherwise 409 with every reason.
     */
    RecordTypeView evolve(String name, RecordTypeRequest request) {
        RecordTypeDocument document = load(name);
        validate(request, name);
        Compatibility mode = modeOf(request, document.getCompatibility());
        Evolution.Verdict verdict = evolution.judge(document, mode, request.entityKey(), request.schema(),
                request.sensitivity() == null ? Map.of() : request.sensitivity());
        if (!verdict.safe()) {
            throw verdict.refusal(name);
        }
        document.setCompatibility(mode);
        return addVersion(document, request, false);
    }

    Page<RecordTypeView> list(String namePrefix, Paging paging) {
        Query query = Pages.withPrefix(new Query(), "_id", namePrefix);
        return Pages.find(paging, mongo, query, RecordTypeDocument.class, mapper::toView);
    }

    RecordTypeView current(String name) {
        return mapper.toView(load(name));
    }

    RecordTypeView version(String name, int version) {
        RecordTypeDocument document = load(name);
        return document.getVersions().stream()
                .filter(each -> each.version() == version)
                .findFirst()
                .map(each -> mapper.toView(name, document.getCompatibility(), document.getOwner(), each))
                .orElseThrow(() -> new NotFound("version", name + "@" + version));
    }

    /** The JSON Schema of the type's current version, if the type exists. */
    public Optional<JsonNode> currentSchema(String name) {
        return repository.findById(name).map(document -> jsonText.read(document.current().schema()));
    }

    /** The entity-key fields of the type's current version (empty if the type is unknown). */
    public List<String> currentEntityKey(String name) {
        return repository.findById(name).map(document -> document.current().entityKey()).orElse(List.of());
    }

    /** Field name → sensitivity level name of the type's current version (empty if the type is unknown). */
    public Map<String, String> currentSensitivity(String name) {
        return repository.findById(name)
                .map(document -> mapper.toSensitivityMap(document.current().sensitivity()))
                .map(levels -> {
                    Map<String, String> names = new LinkedHashMap<>();
                    levels.forEach((field, level) -> names.put(field, level.name()));
                    return names;
                })
                .orElse(Map.of());
    }

    RecordTypeDocument load(String name) {
        return repository.findById(name).orElseThrow(() -> new NotFound("record type", name));
    }

    private RecordTypeView addVersion(RecordTypeDocument document, RecordTypeRequest request, boolean isNew) {
        int version = document.getVersions().size() + 1;
        document.getVersions().add(mapper.toVersion(request, version, clock.instant()));
        document.changed(clock.instant());
        RecordTypeDocument saved = isNew ? repository.insert(document) : repository.save(document);
        publisher.publish(saved);
        return mapper.toView(saved);
    }

    private void validate(RecordTypeRequest request, String name) {
        var problems = rules.check(request, name);
        if (!problems.isEmpty()) {
            throw new InvalidInput("The record type is invalid", problems);
        }
    }

    private static Compatibility modeOf(RecordTypeRequest request, Compatibility otherwise) {
        return request.compatibility() == null ? otherwise : Compatibility.valueOf(request.compatibility());
    }
}
