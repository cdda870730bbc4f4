package io.fillonce.registry.codetable;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

import io.fillonce.registry.publishing.RegistryPublisher;
import io.fillonce.registry.system.AlreadyExists;
import io.fillonce.registry.system.InvalidInput;
import io.fillonce.registry.system.NotFound;

/** Keeps the value crosswalks departments need (canonical code → department code). */
@Service
public class CodeTables {

    private static final int LIST_LIMIT = 500;

    private final CodeTableRepository repository;
    private final CodeTableMapper mapper;
    private final RegistryPublisher publisher;
    private final Clock clock;

    CodeTables(CodeTableRepository repository, CodeTableMapper mapper, RegistryPublisher publisher, Clock clock) {
        this.repository = repository;
        this.mapper = mapper;
        this.publisher = publisher;
        this.clock = clock;
    }

    CodeTableView create(CodeTableRequest request) {
        validate(request, null);
        if (repository.existsById(request.name())) {
            throw new AlreadyExists("code table", request.name());
        }
        CodeTableDocument document = new CodeTableDocument();
        document.setId(request.name());
        return store(document, request, true);
    }

    CodeTableView change(String name, CodeTableRequest request) {
        CodeTableDocument document = repository.findById(name).orElseThrow(() -> new NotFound("code table", name));
        validate(request, name);
        return store(document, request, false);
    }

    List<CodeTableView> list() {
        return repository.findAll(PageRequest.of(0, LIST_LIMIT, Sort.by("id"))).stream().map(mapper::toView).toList();
    }

    CodeTableView get(String name) {
        return repository.findById(name).map(mapper::toView).orElseThrow(() -> new NotFound("code table", name));
    }

    /** The canonical codes the table maps, if the table exists. */
    public Optional<Set<String>> canonicalCodes(String name) {
        return repository.findById(name).map(document -> document.getEntries().stream()
                .map(CodeTableDocument.Entry::canonical)
                .collect(Collectors.toSet()));
    }

    private CodeTableView store(CodeTableDocument document, CodeTableRequest request, boolean isNew) {
        document.setVersion(document.getVersion() + 1);
        document.setEntries(mapper.toEntries(request.entries()));
        document.changed(clock.instant());
        CodeTableDocument saved = isNew ? repository.insert(document) : repository.save(document);
        publisher.publish(saved);
        return mapper.toView(saved);
    }

    private static void validate(CodeTableRequest request, String name) {
        var problems = CodeTableRules.check(request, name);
        if (!problems.isEmpty()) {
            throw new InvalidInput("The code table is invalid", problems);
        }
    }
}
