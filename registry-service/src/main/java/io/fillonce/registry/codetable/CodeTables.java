package io.fillonce.registry.codetable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Lazy;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import io.fillonce.registry.codetable.CodeTableUsers.CodeBreak;
import io.fillonce.registry.publishing.RegistryPublisher;
import io.fillonce.registry.system.AlreadyExists;
import io.fillonce.registry.system.Clocks;
import io.fillonce.registry.system.Incompatible;
import io.fillonce.registry.system.Pages;
import io.fillonce.registry.system.Problems;
import io.fillonce.web.InvalidInput;
import io.fillonce.web.NotFound;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

/**
 * Keeps the value crosswalks departments need (canonical code → department code), versioned; a change that
 * removes or changes a code a subscription uses is refused (adding codes is always fine).
 */
@Service
public class CodeTables {

    private final CodeTableRepository repository;
    private final CodeTableMapper mapper;
    private final CodeTableUsers users;
    private final MongoTemplate mongo;
    private final RegistryPublisher publisher;
    private final Clock clock;

    CodeTables(CodeTableRepository repository, CodeTableMapper mapper, @Lazy CodeTableUsers users,
            RegistryPublisher publisher, MongoTemplate mongo, Clock clock) {
        this.repository = repository;
        this.users = users;
        this.mongo = mongo;
        this.mapper = mapper;
        this.publisher = publisher;
        this.clock = clock;
    }

    CodeTableView create(CodeTableRequest request, String by) {
        validate(request, null);
        if (repository.existsById(request.name())) {
            throw new AlreadyExists("code table", request.name());
        }
        CodeTableDocument document = new CodeTableDocument();
        document.setId(request.name());
        return store(document, request, by, true);
    }

    CodeTableView change(String name, CodeTableRequest request, String by) {
        CodeTableDocument document = load(name);
        validate(request, name);
        List<CodeBreak> breaks = users.breaks(name, mapper.toEntryMap(document.getEntries()), request.entries());
        if (!breaks.isEmpty()) {
            throw refusal(name, breaks);
        }
        return store(document, request, by, false);
    }

    /** What the change would do, without making it: the same checks, nothing stored. */
    CodeTablePreview preview(String name, CodeTableRequest request) {
        CodeTableDocument document = load(name);
        validate(request, name);
        Map<String, String> before = mapper.toEntryMap(document.getEntries());
        List<CodeBreak> breaks = users.breaks(name, before, request.entries());
        CodeTableChange change = CodeTableChange.between(before, request.entries(), document.getVersion() + 1, null,
                null);
        return new CodeTablePreview(name, change.version(), change, breaks, users.readers(name));
    }

    /** What each version changed, newest first. */
    List<CodeTableChange> history(String name) {
        CodeTableDocument document = load(name);
        List<CodeTableChange> newestFirst = new ArrayList<>(document.getHistory());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    Page<CodeTableView> list(String namePrefix, Paging paging) {
        return Pages.find(paging, mongo, Pages.withPrefix(new Query(), "_id", namePrefix), CodeTableDocument.class,
                mapper::toView);
    }

    CodeTableView get(String name) {
        return mapper.toView(load(name));
    }

    private CodeTableDocument load(String name) {
        return repository.findById(name).orElseThrow(() -> new NotFound("code table", name));
    }

    /** The canonical codes the table maps, if the table exists. */
    public Optional<Set<String>> canonicalCodes(String name) {
        return repository.findById(name).map(document -> document.getEntries().stream()
                .map(CodeTableDocument.Entry::canonical)
                .collect(Collectors.toSet()));
    }

    private CodeTableView store(CodeTableDocument document, CodeTableRequest request, String by, boolean isNew) {
        CodeTableChange change = CodeTableChange.between(mapper.toEntryMap(document.getEntries()), request.entries(),
                document.getVersion() + 1, by, Clocks.millis(clock));
        List<CodeTableChange> history = new ArrayList<>(document.getHistory());
        history.add(change);
        document.setHistory(history);
        document.setVersion(change.version());
        document.setEntries(mapper.toEntries(request.entries()));
        document.changed(clock.instant());
        CodeTableDocument saved = isNew ? repository.insert(document) : repository.save(document);
        publisher.publish(saved);
        return mapper.toView(saved);
    }

    /** 409: each broken (subscription field, code) at {@code /entries/<code>}; the breaks under subscriptions. */
    private static Incompatible refusal(String name, List<CodeBreak> breaks) {
        Problems problems = new Problems();
        breaks.forEach(each -> problems.add(Problems.child("/entries", each.code()), "subscription",
                "subscription " + each.subscription() + " (department " + each.department() + "), target field '"
                        + each.target() + "': " + each.message()));
        return new Incompatible("The change to code table '" + name + "' would break subscriptions",
                problems.list(), Map.of("subscriptions", breaks));
    }

    private static void validate(CodeTableRequest request, String name) {
        var problems = CodeTableRules.check(request, name);
        if (!problems.isEmpty()) {
            throw new InvalidInput("The code table is invalid", problems);
        }
    }
}
