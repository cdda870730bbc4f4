package io.fillonce.sync.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.state.EntityRecord;
import io.fillonce.sync.state.EntityStates;
import io.fillonce.web.NotFound;

import org.springframework.stereotype.Service;

/**
 * Builds an entity's {@link AccessReport} from its access log. ADMIN may ask for any entity, also one sync no longer
 * holds; a CADRE only for an entity of its own region (the record type's {@code regionField} starts with the cadre's
 * region code, as at intake), anything else being a 404 like an unknown entity. Each report made, and each
 * refused, is itself in the audit (REPORT_READ), so the next report shows who asked. The log is read page by page
 * up to {@value #MOST} accesses: an operator's query, not a hot path.
 */
@Service
class AccessReports {

    static final int MOST = 10_000;
    private static final String DELIVERED = AuditAction.DELIVERED.name();
    private static final int PAGE = 500;

    private final EntityAccessLog accessLog;
    private final EntityStates states;
    private final RegistryView registry;
    private final AuditRecorder audit;
    private final Clock clock = Clock.systemUTC();

    AccessReports(EntityAccessLog accessLog, EntityStates states, RegistryView registry, AuditRecorder audit) {
        this.accessLog = accessLog;
        this.states = states;
        this.registry = registry;
        this.audit = audit;
    }

    /** The report; made or refused, it is audited (REPORT_READ) before it leaves. */
    AccessReport report(String type, String entityKey, VerifiedCaller caller) {
        String region = caller.region();
        if (!"ADMIN".equals(caller.role())) {
            Optional<EntityRecord> entity = states.find(type, entityKey);
            String refused = entity.isEmpty() ? AuditEvent.NOT_FOUND
                    : withinRegion(type, entity.get(), region) ? null : AuditEvent.REFUSED;
            if (refused != null) {
                audit.reportRead(caller.principal(), type, entityKey, refused);
                throw new NotFound("no " + type + " record '" + entityKey + "' in region " + region);
            }
        }
        AccessReport report = build(type, entityKey, caller);
        audit.reportRead(caller.principal(), type, entityKey, null);
        return report;
    }

    private AccessReport build(String type, String entityKey, VerifiedCaller caller) {
        List<AccessReport.Access> accesses = new ArrayList<>();
        String after = null;
        boolean complete = true;
        while (true) {
            EntityAccessPage page = accessLog.page(type, entityKey, after, PAGE);
            for (EntityAccess access : page.items()) {
                if (access.outcome() == null) {
                    accesses.add(new AccessReport.Access(access.time(), access.action(), access.department(),
                            access.actor(), access.channel(), access.version(), access.fields(), access.purpose(),
                            access.legalBasis()));
                }
            }
            if (page.next() == null) {
                break;
            }
            if (accesses.size() >= MOST) {
                complete = false;
                break;
            }
            after = page.next();
        }
        return new AccessReport(type, entityKey, clock.instant(), caller.principal(), recipients(accesses), accesses,
                complete);
    }

    /** A cadre's report needs the entity, when its type is bound to regions, in the cadre's region. */
    private boolean withinRegion(String type, EntityRecord entity, String region) {
        return registry.regionField(type).map(field -> region != null && !region.isBlank()
                && entity.data().path(field).asString("").startsWith(region)).orElse(true);
    }

    private static List<AccessReport.Recipient> recipients(List<AccessReport.Access> accesses) {
        Map<String, List<AccessReport.Access>> byDepartment = new LinkedHashMap<>();
        accesses.stream().filter(access -> access.department() != null)
                .forEach(access -> byDepartment.computeIfAbsent(access.department(), d -> new ArrayList<>())
                        .add(access));
        return byDepartment.entrySet().stream().map(entry -> {
            List<AccessReport.Access> got = entry.getValue();
            long deliveries = got.stream().filter(a -> DELIVERED.equals(a.action())).count();
            return new AccessReport.Recipient(entry.getKey(),
                    distinct(got.stream().map(AccessReport.Access::fields).filter(Objects::nonNull)
                            .flatMap(List::stream)),
                    distinct(got.stream().map(AccessReport.Access::purpose)),
                    distinct(got.stream().map(AccessReport.Access::legalBasis)), (int) deliveries,
                    (int) (got.size() - deliveries), got.get(0).time(), got.get(got.size() - 1).time());
        }).toList();
    }

    /** The values present, each once, in order. */
    private static List<String> distinct(Stream<String> values) {
        return values.filter(Objects::nonNull).distinct().sorted().toList();
    }
}
