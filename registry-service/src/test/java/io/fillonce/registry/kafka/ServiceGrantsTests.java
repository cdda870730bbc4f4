package io.fillonce.registry.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class ServiceGrantsTests {

    @Test
    void aDepartmentReadsItsOwnTopicAndGroupsUnderItsOwnPrefixOnly() {
        List<AclBinding> grants = ServiceGrants.department("health");

        assertThat(grants).allSatisfy(grant -> {
            assertThat(grant.entry().principal()).isEqualTo("User:dept.health");
            assertThat(grant.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
            assertThat(grant.entry().operation()).isIn(AclOperation.READ, AclOperation.DESCRIBE);
        });
        assertThat(grants).filteredOn(grant -> grant.pattern().resourceType() == ResourceType.TOPIC)
                .allSatisfy(grant -> {
                    assertThat(grant.pattern().patternType()).isEqualTo(PatternType.LITERAL);
                    assertThat(grant.pattern().name()).isEqualTo("fillonce.dept.health");
                });
        // a prefix ends with a dot, which no code has: health's groups never cover health-insurance's
        assertThat(grants).filteredOn(grant -> grant.pattern().resourceType() == ResourceType.GROUP)
                .singleElement().satisfies(grant -> {
                    assertThat(grant.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
                    assertThat(grant.pattern().name()).isEqualTo("fillonce.dept.health.");
                    assertThat("fillonce.dept.health-insurance.app").doesNotStartWith(grant.pattern().name());
                });
    }

    @Test
    void noServiceMayWriteTheRegistryTopicAndNoneIsGrantedTheCluster() {
        List<AclBinding> grants = ServiceGrants.services();

        assertThat(grants).filteredOn(grant -> grant.pattern().name().equals(ServiceGrants.REGISTRY_TOPIC))
                .isNotEmpty()
                .allSatisfy(grant -> assertThat(grant.entry().operation()).isIn(AclOperation.READ, AclOperation.DESCRIBE));
        assertThat(grants).noneSatisfy(grant -> assertThat(grant.pattern().resourceType()).isEqualTo(ResourceType.CLUSTER));
        assertThat(grants).noneSatisfy(grant -> assertThat(grant.entry().operation()).isEqualTo(AclOperation.ALL));
        assertThat(grants).extracting(grant -> grant.entry().principal()).containsOnly("User:fillonce-gateway",
                "User:fillonce-intake", "User:fillonce-sync");
    }

    @Test
    void syncWritesTheDeadLettersOfUnreadableRecordsAndNoServiceReadsThem() {
        List<AclBinding> grants = ServiceGrants.services();

        assertThat(grants).filteredOn(grant -> grant.pattern().name().equals(ServiceGrants.RECORDS_DEAD_TOPIC))
                .allSatisfy(grant -> {
                    assertThat(grant.pattern().patternType()).isEqualTo(PatternType.LITERAL);
                    assertThat(grant.entry().principal()).isEqualTo("User:fillonce-sync");
                })
                .extracting(grant -> grant.entry().operation())
                .containsExactlyInAnyOrder(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE);
        assertThat(grants).filteredOn(grant -> grant.pattern().resourceType() == ResourceType.TOPIC
                && grant.pattern().patternType() == PatternType.PREFIXED)
                .noneSatisfy(grant -> assertThat(ServiceGrants.RECORDS_DEAD_TOPIC).startsWith(grant.pattern().name()));
    }
}
