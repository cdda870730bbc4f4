package io.fillonce.local.manifests;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fillonce.local.manifests.ServiceGrantsTable.Acl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KafkaUsers give each service exactly what registry-service's ServiceGrants table grants it where the registry
 * manages the broker, and a department's template what ServiceGrants.department(code) grants a department.
 */
class KafkaUserGrantsTests {

    static final Map<String, String> RESOURCE_TYPES = Map.of("TOPIC", "topic", "GROUP", "group",
            "TRANSACTIONAL_ID", "transactionalId", "CLUSTER", "cluster");

    static final Map<String, String> PATTERN_TYPES = Map.of("LITERAL", "literal", "PREFIXED", "prefix");

    /**
     * On a cluster it manages registry-service is a super user; under Strimzi it is not, and needs only this: write
     * (and create) the topic it alone writes.
     */
    static final Set<String> REGISTRY_ACLS = Set.of("fillonce-registry topic literal fillonce.registry Write",
            "fillonce-registry topic literal fillonce.registry Describe",
            "fillonce-registry topic literal fillonce.registry Create");

    /**
     * ServiceGrants.department(code), kept here by hand (it is code, not a table): the department's own topic
     * (LITERAL, READ and DESCRIBE) and consumer groups under its own prefix (PREFIXED, READ).
     */
    static final Set<String> DEPARTMENT_ACLS = Set.of(
            "dept.civil-affairs topic literal fillonce.dept.civil-affairs Read",
            "dept.civil-affairs topic literal fillonce.dept.civil-affairs Describe",
            "dept.civil-affairs group prefix fillonce.dept.civil-affairs. Read");

    @Test
    void eachServicesKafkaUserAllowsExactlyWhatServiceGrantsGrantsIt() {
        Set<String> granted = ServiceGrantsTable.rows().stream().map(KafkaUserGrantsTests::strimzi)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String target : Kustomize.TARGETS) {
            List<Manifest> rendered = Kustomize.rendered(target);
            for (String principal : List.of("fillonce-gateway", "fillonce-intake", "fillonce-sync")) {
                Manifest user = Resources.one(rendered, "KafkaUser", principal);
                Set<String> expected = granted.stream().filter(acl -> acl.startsWith(principal + " "))
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(acls(user)).as(user.where() + " mirrors " + ServiceGrantsTable.SOURCE.getFileName())
                        .isEqualTo(expected);
            }
            assertThat(acls(Resources.one(rendered, "KafkaUser", "fillonce-registry"))).isEqualTo(REGISTRY_ACLS);
        }
    }

    @Test
    void eachServiceLogsInAsItsOwnKafkaUser() {
        for (String target : Kustomize.TARGETS) {
            List<Manifest> rendered = Kustomize.rendered(target);
            for (String service : ServiceSettings.SERVICES) {
                Manifest deployment = Resources.one(rendered, "Deployment", service);
                String username = Workloads.values(deployment, rendered).get("FILLONCE_KAFKA_USERNAME");
                Manifest user = Resources.one(rendered, "KafkaUser", username);
                assertThat(Tree.text(Tree.at(user.content(), "spec.authentication.type"))).as(user.where())
                        .isEqualTo("scram-sha-512");
                assertThat(Workloads.secretKeyRef(deployment, "FILLONCE_KAFKA_PASSWORD"))
                        .as(deployment.where() + " logs in with the password the User Operator made for " + username)
                        .containsEntry("name", username).containsEntry("key", "password");
            }
        }
    }

    @Test
    void theDepartmentTemplateAllowsWhatServiceGrantsGivesADepartment() {
        String source = Repository.read(ServiceGrantsTable.SOURCE);
        assertThat(source).as("ServiceGrants.department(code) still grants what DEPARTMENT_ACLS keeps")
                .contains("binding(principal, TOPIC, LITERAL, topic(code), READ)")
                .contains("binding(principal, TOPIC, LITERAL, topic(code), DESCRIBE)")
                .contains("binding(principal, GROUP, PREFIXED, groupPrefix(code), READ)")
                .contains("return \"dept.\" + code;").contains("return \"fillonce.dept.\" + code + \".\";");
        List<Manifest> template = Repository.manifests(Repository.K8S.resolve("templates/department-kafka-user.yaml"));
        assertThat(template).hasSize(1);
        Manifest user = template.get(0);
        assertThat(user.name()).isEqualTo("dept.civil-affairs");
        assertThat(Tree.text(Tree.at(user.content(), "spec.authentication.type"))).isEqualTo("scram-sha-512");
        assertThat(acls(user)).as(user.where()).isEqualTo(DEPARTMENT_ACLS);
    }

    private static String strimzi(Acl acl) {
        String operation = Arrays.stream(acl.operation().toLowerCase().split("_"))
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1)).collect(Collectors.joining());
        return acl.principal() + " " + RESOURCE_TYPES.get(acl.resourceType()) + " "
                + PATTERN_TYPES.get(acl.patternType()) + " " + acl.resource() + " " + operation;
    }

    private static Set<String> acls(Manifest user) {
        Set<String> acls = new TreeSet<>();
        for (Map<String, Object> acl : Tree.maps(Tree.at(user.content(), "spec.authorization.acls"), user.where())) {
            Map<String, Object> resource = Tree.map(acl, "resource", user.where());
            assertThat(acl.getOrDefault("host", "*")).as(user.where() + " from any host").isEqualTo("*");
            for (Object operation : Tree.list(acl.get("operations"), user.where() + " operations")) {
                acls.add(user.name() + " " + resource.get("type") + " " + resource.get("patternType") + " "
                        + resource.get("name") + " " + operation);
            }
        }
        return acls;
    }
}
