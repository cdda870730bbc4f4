package io.fillonce.registry.principal;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import io.fillonce.registry.publishing.RegistryPublisher;
import io.fillonce.registry.system.AlreadyExists;
import io.fillonce.registry.system.Pages;
import io.fillonce.web.Conflict;
import io.fillonce.web.NotFound;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

/** Creates principals with fresh API keys, rotates and revokes keys, and keeps the bootstrap admin in place. */
@Service
public class Principals {

    private static final Logger log = LoggerFactory.getLogger(Principals.class);

    private final PrincipalRepository repository;
    private final RegistryPublisher publisher;
    private final MongoTemplate mongo;
    private final Clock clock;

    Principals(PrincipalRepository repository, RegistryPublisher publisher, MongoTemplate mongo, Clock clock) {
        this.repository = repository;
        this.mongo = mongo;
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

    /** A new key for {@code id}, answered once; the old hash is replaced and published (the gateway drops it). */
    IssuedKey rotateKey(String id) {
        PrincipalDocument document = load(id);
        String key = ApiKeys.generate();
        document.setKeyHash(ApiKeys.hash(key));
        save(document);
        return new IssuedKey(id, key);
    }

    /** Deactivates {@code id} (published); the last active ADMIN cannot be revoked. */
    PrincipalDocument revoke(String id) {
        PrincipalDocument document = load(id);
        if (document.getRole() == Role.ADMIN && document.isActive()
                && mongo.count(Query.query(Criteria.where("role").is(Role.ADMIN).and("active").is(true)),
                        PrincipalDocument.class) <= 1) {
            throw new Conflict("'" + id + "' is the last active ADMIN; create another admin before revoking it");
        }
        if (document.isActive()) {
            document.setActive(false);
            save(document);
        }
        return document;
    }

    Page<PrincipalDocument> list(Role role, String idPrefix, Paging paging) {
        Query query = Pages.withPrefix(new Query(), "_id", idPrefix);
        if (role != null) {
            query.addCriteria(Criteria.where("role").is(role));
        }
        return Pages.find(paging, mongo, query, PrincipalDocument.class, document -> document);
    }

    /** Principals of one role, filtered by a region code prefix (cadres). */
    public Page<PrincipalDocument> listByRegion(Role role, String regionPrefix, Paging paging) {
        Query query = Pages.withPrefix(Query.query(Criteria.where("role").is(role)), "regionCode", regionPrefix);
        return Pages.find(paging, mongo, query, PrincipalDocument.class, document -> document);
    }

    PrincipalDocument load(String id) {
        return repository.findById(id).orElseThrow(() -> new NotFound("principal", id));
    }

    private void save(PrincipalDocument document) {
        document.changed(clock.instant());
        publisher.publish(repository.save(document));
    }

    public Optional<PrincipalDocument> find(String id) {
        return repository.findById(id);
    }

    /** Makes sure {@code admin:bootstrap} exists, is active and answers to {@code key}; returns its id. */
    /**
     * The bootstrap admin with this key: created the first time, given a new key when the configured one changes.
     * A revoked key stays revoked: restarting with the same configuration must not undo a revocation (configure a
     * new FILLONCE_BOOTSTRAP_ADMIN_KEY to let the bootstrap admin in again).
     */
    String ensureBootstrapAdmin(String key) {
        String id = "admin:bootstrap";
        String hash = ApiKeys.hash(key);
        PrincipalDocument admin = repository.findById(id).orElseGet(PrincipalDocument::new);
        if (hash.equals(admin.getKeyHash()) && admin.getRole() == Role.ADMIN) {
            if (!admin.isActive()) {
                log.warn("The configured bootstrap admin key was revoked and stays revoked; configure a new "
                        + "FILLONCE_BOOTSTRAP_ADMIN_KEY to issue another");
            }
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
