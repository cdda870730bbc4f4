package io.fillonce.registry.recordtype;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

import io.fillonce.registry.publishing.RegistryPublisher;
import io.fillonce.registry.system.AlreadyExists;
import io.fillonce.registry.system.InvalidInput;
import io.fillonce.registry.system.JsonText;
import io.fillonce.registry.system.NotFound;

/** Registers record types and gives them new immutable versions. */
@Service
public class RecordTypes {

    static final int LIST_LIMIT = 500;

    private final RecordTypeRepository repository;
    private final RecordTypeRules rules;
    private final RecordTypeMapper mapper;
    private final RegistryPublisher publisher;
    private final JsonText jsonText;
    private final Clock clock;

    RecordTypes(RecordTypeRepository repository, RecordTypeRules rules, RecordTypeMapper mapper,
            RegistryPublisher publisher, JsonText jsonText, Clock clock) {
        this.repository = repository;
        this.rules = rules;
        this.mapper = mapper;
        this.publisher = publisher;
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
        return addVersion(document, request, true);
    }

    RecordTypeView evolve(String name, RecordTypeRequest request) {
        RecordTypeDocument document = load(name);
        validate(request, name);
        return addVersion(document, request, false);
    }

    List<RecordTypeView> list() {
        return repository.findAll(PageRequest.of(0, LIST_LIMIT, Sort.by("id"))).stream()
                .map(document -> mapper.toView(document.getId(), document.current()))
                .toList();
    }

    RecordTypeView current(String name) {
        RecordTypeDocument document = load(name);
        return mapper.toView(name, document.current());
    }

    RecordTypeView version(String name, int version) {
        return load(name).getVersions().stream()
                .filter(each -> each.version() == version)
                .findFirst()
                .map(each -> mapper.toView(name, each))
                .orElseThrow(() -> new NotFound("version", name + "@" + version));
    }

    /** The JSON Schema of the type's current version, if the type exists. */
    public Optional<JsonNode> currentSchema(String name) {
        return repository.findById(name).map(document -> jsonText.read(document.current().schema()));
    }

    private RecordTypeView addVersion(RecordTypeDocument document, RecordTypeRequest request, boolean isNew) {
        int version = document.getVersions().size() + 1;
        document.getVersions().add(mapper.toVersion(request, version, clock.instant()));
        document.changed(clock.instant());
        RecordTypeDocument saved = isNew ? repository.insert(document) : repository.save(document);
        publisher.publish(saved);
        return mapper.toView(saved.getId(), saved.current());
    }

    private void validate(RecordTypeRequest request, String name) {
        var problems = rules.check(request, name);
        if (!problems.isEmpty()) {
            throw new InvalidInput("The record type is invalid", problems);
        }
    }

    private RecordTypeDocument load(String name) {
        return repository.findById(name).orElseThrow(() -> new NotFound("record type", name));
    }
}
