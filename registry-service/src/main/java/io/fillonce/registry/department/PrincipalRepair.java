package io.fillonce.registry.department;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.fillonce.registry.principal.Principals;
import io.fillonce.registry.system.AlreadyExists;

/**
 * Repairs a crash between a department's two writes: a department older than {@link #SETTLE} without its
 * principal gets one, active, with a key nobody knows (the answer that would have shown a key was lost);
 * {@code POST /api/registry/principals/department:<code>/rotate-key} issues a usable key.
 */
@Component
public class PrincipalRepair {

    static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(PrincipalRepair.class);

    private final Principals principals;
    private final MongoTemplate mongo;
    private final Clock clock;

    PrincipalRepair(Principals principals, MongoTemplate mongo, Clock clock) {
        this.principals = principals;
        this.mongo = mongo;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${fillonce.registry.repair-every:30s}",
            initialDelayString = "${fillonce.registry.repair-every:30s}")
    void repair() {
        repair(clock.instant().minus(SETTLE));
    }

    /** Creates the missing principal of every department last changed before {@code settledBefore}. */
    public int repair(Instant settledBefore) {
        int repaired = 0;
        Query settled = Query.query(Criteria.where("updatedAt").lt(settledBefore));
        settled.fields().include("_id").include("name");
        for (DepartmentDocument department : mongo.find(settled, DepartmentDocument.class)) {
            var principal = Departments.principalOf(department);
            if (principals.find(principal.id()).isEmpty()) {
                try {
                    principals.create(principal);
                }
                catch (AlreadyExists | DuplicateKeyException raced) {
                    continue;
                }
                log.warn("department {} had no principal (a crash between its two writes); created {}; rotate "
                        + "its key to use it", department.getId(), principal.id());
                repaired++;
            }
        }
        return repaired;
    }
}
