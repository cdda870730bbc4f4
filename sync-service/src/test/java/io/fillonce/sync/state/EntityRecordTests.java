package io.fillonce.sync.state;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Who submitted an entity's versions: every principal kept once, and the latest version's submitter known. */
class EntityRecordTests {

    private static final ObjectNode DATA = JsonMapper.builder().build().createObjectNode().put("name", "Li Mei");

    @Test
    void theLatestVersionsSubmitterIsKnownEvenWhenItSubmittedAnEarlierOneToo() {
        EntityRecord first = EntityRecord.first("resident", "370602", "rec-1", 1, "rec-1:1", "t1", DATA, "cadre:a");
        EntityRecord second = first.next(2, "rec-1:2", "t2", DATA, "cadre:b");
        EntityRecord third = second.next(3, "rec-1:3", "t3", DATA, "cadre:a");

        assertThat(second.latestSubmitter()).isEqualTo("cadre:b");
        assertThat(third.latestSubmitter()).isEqualTo("cadre:a");
        assertThat(third.submitters()).containsExactly("cadre:b", "cadre:a");
        assertThat(third.submittedBy("cadre:b")).isTrue();
        assertThat(third.next(4, "rec-1:4", "t4", DATA, null).latestSubmitter())
                .as("a version without a submitter changes nothing").isEqualTo("cadre:a");
    }

    @Test
    void aHeldVersionIsDeliveredAsItsOwnSubmittersWork() {
        EntityRecord held = EntityRecord.first("resident", "370602", "rec-1", 1, "rec-1:1", "t1", DATA, "cadre:a")
                .hold("sub-1");
        EntityRecord later = held.next(2, "rec-1:2", "t2", DATA, "cadre:b").hold("sub-1");

        assertThat(later.holding("sub-1")).extracting(EntityRecord.HeldVersion::submittedBy)
                .containsExactly("cadre:a", "cadre:b");
        assertThat(later.at(later.holding("sub-1").get(0)).latestSubmitter()).isEqualTo("cadre:a");
        assertThat(later.at(later.holding("sub-1").get(1)).latestSubmitter()).isEqualTo("cadre:b");
    }
}
