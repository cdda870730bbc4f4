package io.fillonce.registry.department;

import java.time.Clock;
import java.util.List;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

import io.fillonce.registry.principal.NewPrincipal;
import io.fillonce.registry.principal.Principals;
import io.fillonce.registry.principal.Role;
import io.fillonce.registry.publishing.RegistryPublisher;
import io.fillonce.registry.system.AlreadyExists;
import io.fillonce.registry.system.InvalidInput;
import io.fillonce.registry.system.NotFound;

/** Registers departments, each with its own principal and API key. */
@Service
public class Departments {

    private static final int LIST_LIMIT = 500;

    private final DepartmentRepository repository;
    private final DepartmentMapper mapper;
    private final Principals principals;
    private final RegistryPublisher publisher;
    private final Clock clock;

    Departments(DepartmentRepository repository, DepartmentMapper mapper, Principals principals,
            RegistryPublisher publisher, Clock clock) {
        this.repository = repository;
        this.mapper = mapper;
        this.principals = principals;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Two single-document writes: the department first (its code is unique), then its principal. A crash in
     * between leaves a department without a key, which a later key-rotation endpoint repairs.
     */
    DepartmentCreated register(DepartmentRequest request) {
        var problems = DepartmentRules.check(request);
        if (!problems.isEmpty()) {
            throw new InvalidInput("The department is invalid", problems);
        }
        if (repository.existsById(request.code())) {
            throw new AlreadyExists("department", request.code());
        }
        DepartmentDocument document = new DepartmentDocument();
        document.setId(request.code());
        document.setName(request.name().strip());
        document.setWebhook(request.webhook());
        document.changed(clock.instant());
        DepartmentDocument saved = repository.insert(document);
        publisher.publish(saved);
        Principals.IssuedKey key = principals.create(
                new NewPrincipal(Role.DEPARTMENT, saved.getId(), saved.getName(), saved.getId(), null));
        return mapper.toCreated(saved, key);
    }

    List<DepartmentView> list() {
        return repository.findAll(PageRequest.of(0, LIST_LIMIT, Sort.by("id"))).stream().map(mapper::toView).toList();
    }

    DepartmentView get(String code) {
        return repository.findById(code).map(mapper::toView).orElseThrow(() -> new NotFound("department", code));
    }

    public boolean exists(String code) {
        return repository.existsById(code);
    }
}
