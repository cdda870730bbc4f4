package io.fillonce.registry.principal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

import io.fillonce.registry.publishing.RegistryPublisher;
import io.fillonce.registry.system.AlreadyExists;

/** Creates principals with fresh API keys and keeps the bootstrap admin in place. */
@Service
public class Principals {

    private static final int LIST_LIMIT = 500;

    private final PrincipalRepository repository;
    private final RegistryPublisher publisher;
    private final Clock clock;

    Principals(PrincipalRepository repository, RegistryPublisher publisher, Clock clock) {
        this.repository = repository;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Creates an active principal and returns its API key, the only time the key exists outside the caller. */
    public IssuedKey create(NewPrincipal principal) {
        if (repository.existsById(principal.id())) {
            throw new AlreadyExists("principal", principal.id());
        }
        String key = ApiKeys.generate();
        PrincipalDocument document = new PrincipalDocument();
        document.setId(principal.id());
        document.setRole(principal.role());
        document.setName(principal.displayName());
        document.setDepartment(principal.department());
        document.setRegionCode(principal.regionCode());
        document.setKeyHash(ApiKeys.hash(key));
        document.setActive(true);
        document.changed(clock.instant());
        publisher.publish(repository.insert(document));
        return new IssuedKey(principal.id(), key);
    }

    public Optional<PrincipalDocument> find(String id) {
        return repository.findById(id);
    }

    public List<PrincipalDocument> list(Role role) {
        return repository.findByRole(role, PageRequest.of(0, LIST_LIMIT, Sort.by("id")));
    }

    /** Makes sure {@code admin:bootstrap} exists, is active and answers to {@code key}; returns its id. */
    String ensureBootstrapAdmin(String key) {
        String id = "admin:bootstrap";
        String hash = ApiKeys.hash(key);
        PrincipalDocument admin = repository.findById(id).orElseGet(PrincipalDocument::new);
        if (hash.equals(admin.getKeyHash()) && admin.isActive() && admin.getRole() == Role.ADMIN) {
            return id;
        }
        admin.setId(id);
        admin.setRole(Role.ADMIN);
        admin.setName("Bootstrap administrator");
        admin.setKeyHash(hash);
        admin.setActive(true);
        admin.changed(clock.instant());
        publisher.publish(repository.save(admin));
        return id;
    }

    /** A principal id with its API key in clear text. */
    public record IssuedKey(String principal, String apiKey) {
    }
}
