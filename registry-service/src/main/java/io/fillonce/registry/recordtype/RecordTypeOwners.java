package io.fillonce.registry.recordtype;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.fillonce.registry.department.Departments;
import io.fillonce.registry.publishing.RegistryPublisher;
import io.fillonce.web.FieldProblem;
import io.fillonce.web.InvalidInput;
import io.fillonce.web.NotFound;

/**
 * Who owns a record type's data: a department, which approves the sharing requests other departments file for it,
 * or nobody named, when the administrators do. Ownership is the type's, not a version's: changing it adds no version.
 */
@Service
public class RecordTypeOwners {

    private final RecordTypeRepository repository;
    private final RecordTypeMapper mapper;
    private final Departments departments;
    private final RegistryPublisher publisher;
    private final Clock clock;

    RecordTypeOwners(RecordTypeRepository repository, RecordTypeMapper mapper, Departments departments,
            RegistryPublisher publisher, Clock clock) {
        this.repository = repository;
        this.mapper = mapper;
        this.departments = departments;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** {@code owner}: a registered department's code, or null to hand the type back to the administrators. */
    RecordTypeView assign(String name, String owner) {
        RecordTypeDocument document = repository.findById(name).orElseThrow(() -> new NotFound("record type", name));
        if (owner != null && !departments.exists(owner)) {
            throw new InvalidInput("The owner is invalid", List.of(new FieldProblem("/owner", "exists",
                    "owner must be a registered department's code, or null for the administrators")));
        }
        document.setOwner(owner);
        document.changed(clock.instant());
        RecordTypeDocument saved = repository.save(document);
        publisher.publish(saved);
        return mapper.toView(saved);
    }

    /** The owning department of an existing type, empty when the administrators own it; 404 for an unknown type. */
    public Optional<String> ownerOf(String name) {
        return Optional.ofNullable(repository.findById(name).orElseThrow(() -> new NotFound("record type", name))
                .getOwner());
    }
}
