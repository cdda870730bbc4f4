package io.fillonce.registry.kafka;

import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.fillonce.registryfeed.RegistryTopic;

import static org.apache.kafka.common.acl.AclOperation.ALTER;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;

/**
 * The one table of what each principal may do on the broker (allow.everyone.if.no.acl.found=false: nothing else).
 * The services' rows follow what their clients do (docs/conventions.md names the topics and groups); a department
 * may read its own topic, with consumer groups under its own prefix, and nothing more. registry-service itself is a
 * super user of the broker: it writes fillonce.registry (no one else may) and administers these grants.
 */
final class ServiceGrants {

    static final String REGISTRY_TOPIC = RegistryTopic.NAME;
    static final String RECORDS_TOPIC = "fillonce.records";
    static final String RECORDS_DEAD_TOPIC = "fillonce.records.dead";
    static final String AUDIT_TOPIC = "fillonce.sync.audit";
    static final String DEPARTMENT_TOPIC_PREFIX = "fillonce.dept.";
    static final String FAN_OUT_APPLICATION = "fillonce-sync-fanout";

    private ServiceGrants() {
    }

    private record Grant(String principal, ResourceType type, PatternType pattern, String name,
            List<AclOperation> operations) {
    }

    private static final List<Grant> SERVICES = List.of(
            // gateway: its registry view (a throw-away group per instance)
            new Grant("fillonce-gateway", TOPIC, LITERAL, REGISTRY_TOPIC, List.of(READ)),
            new Grant("fillonce-gateway", GROUP, PREFIXED, "fillonce-gateway-view-", List.of(READ)),
            // intake: the relay publishes canonical events (and creates their topic); its registry view
            new Grant("fillonce-intake", TOPIC, LITERAL, RECORDS_TOPIC, List.of(WRITE, DESCRIBE, CREATE, ALTER)),
            new Grant("fillonce-intake", TOPIC, LITERAL, REGISTRY_TOPIC, List.of(READ)),
            new Grant("fillonce-intake", GROUP, PREFIXED, "fillonce-intake-view-", List.of(READ)),
            // intake: every record and history read is audited (sync chains the events; the topic is sync's)
            new Grant("fillonce-intake", TOPIC, LITERAL, AUDIT_TOPIC, List.of(WRITE, DESCRIBE, CREATE)),
            // sync: the fan-out (Kafka Streams, exactly-once v2: its group, internal topics and transactional ids)
            new Grant("fillonce-sync", TOPIC, LITERAL, RECORDS_TOPIC, List.of(READ, DESCRIBE)),
            new Grant("fillonce-sync", GROUP, LITERAL, FAN_OUT_APPLICATION, List.of(READ)),
            new Grant("fillonce-sync", TOPIC, PREFIXED, FAN_OUT_APPLICATION + "-",
                    List.of(READ, WRITE, CREATE, DESCRIBE, DESCRIBE_CONFIGS)),
            new Grant("fillonce-sync", TRANSACTIONAL_ID, PREFIXED, FAN_OUT_APPLICATION + "-", List.of(WRITE, DESCRIBE)),
            // sync: the fan-out keeps the fillonce.records messages it cannot read (and creates their topic); nothing
            // of Fill Once reads them back, an operator does
            new Grant("fillonce-sync", TOPIC, LITERAL, RECORDS_DEAD_TOPIC, List.of(WRITE, DESCRIBE, CREATE)),
            // sync: department topics (written by the fan-out, read by feeds and webhook workers), the audit topic
            new Grant("fillonce-sync", TOPIC, PREFIXED, DEPARTMENT_TOPIC_PREFIX, List.of(READ, WRITE, CREATE, DESCRIBE)),
            new Grant("fillonce-sync", GROUP, PREFIXED, "fillonce-webhook-", List.of(READ)),
            // sync: how far each department's own consumer groups are behind its topic (the flows' lag), never more
            new Grant("fillonce-sync", GROUP, PREFIXED, DEPARTMENT_TOPIC_PREFIX, List.of(DESCRIBE)),
            new Grant("fillonce-sync", TOPIC, LITERAL, AUDIT_TOPIC, List.of(READ, WRITE, CREATE, DESCRIBE)),
            new Grant("fillonce-sync", GROUP, LITERAL, "fillonce-sync-audit", List.of(READ)),
            // sync: its registry view
            new Grant("fillonce-sync", TOPIC, LITERAL, REGISTRY_TOPIC, List.of(READ, DESCRIBE)),
            new Grant("fillonce-sync", GROUP, PREFIXED, "fillonce-sync-view-", List.of(READ)));

    /** What the Fill Once services may do. */
    static List<AclBinding> services() {
        return SERVICES.stream().flatMap(grant -> bindings(grant).stream()).toList();
    }

    /** A department reads its own topic (and commits offsets in groups named {@link #groupPrefix}), nothing else. */
    static List<AclBinding> department(String code) {
        String principal = principal(code);
        return List.of(
                binding(principal, TOPIC, LITERAL, topic(code), READ),
                binding(principal, TOPIC, LITERAL, topic(code), DESCRIBE),
                binding(principal, GROUP, PREFIXED, groupPrefix(code), READ));
    }

    /** The department's Kafka user: {@code dept.<code>} (codes are [a-z][a-z0-9-]*). */
    static String principal(String code) {
        return "dept." + code;
    }

    static String topic(String code) {
        return DEPARTMENT_TOPIC_PREFIX + code;
    }

    /** Ends with a dot, which no department code contains, so one department's prefix never covers another's. */
    static String groupPrefix(String code) {
        return "fillonce.dept." + code + ".";
    }

    private static List<AclBinding> bindings(Grant grant) {
        return grant.operations().stream()
                .map(operation -> binding(grant.principal(), grant.type(), grant.pattern(), grant.name(), operation))
                .toList();
    }

    private static AclBinding binding(String principal, ResourceType type, PatternType pattern, String name,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }
}
