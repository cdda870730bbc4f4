package io.fillonce.bench.platform;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchSettingsTests {

    @Test
    void defaultsAreTheFullRun() {
        BenchSettings settings = BenchSettings.parse();

        assertThat(settings.fanouts()).containsExactly(1, 9, 33);
        assertThat(settings.records()).containsEntry(1, 10_000).containsEntry(33, 10_000);
        assertThat(settings.stored()).isEqualTo(100_000);
        assertThat(settings.recordBytes()).isEqualTo(1200);
        assertThat(settings.rest().fanout()).isEqualTo(9);
        assertThat(settings.skip()).isEmpty();
        assertThat(settings.up().seconds()).isNull();
    }

    @Test
    void quickLowersTheSizesButAGivenOptionWins() {
        BenchSettings settings = BenchSettings.parse("--quick", "--stored=3000");

        assertThat(settings.recordsFor(9)).isEqualTo(500);
        assertThat(settings.stored()).isEqualTo(3000);
        assertThat(settings.rest().step()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void oneFanoutCanHaveItsOwnRecordCount() {
        BenchSettings settings = BenchSettings.parse("--records=1000", "--records-f33=100");

        assertThat(settings.records()).containsEntry(1, 1000).containsEntry(9, 1000).containsEntry(33, 100);
    }

    @Test
    void theFullStoreRunsFanoutIsPreparedEvenWhenNotAmongTheBulkRuns() {
        BenchSettings settings = BenchSettings.parse("--fanouts=9", "--stored-run-fanout=2");

        assertThat(settings.allFanouts()).containsExactly(9, 2);
        assertThat(settings.recordsFor(2)).isEqualTo(10_000);
    }

    @Test
    void readsHowTheStackCameUp() {
        BenchSettings settings = BenchSettings.parse("--up-mode=fresh", "--up-seconds=61.5", "--up-ready-seconds=");

        assertThat(settings.up()).isEqualTo(new BenchSettings.UpTime("fresh", 61.5, null));
    }

    @Test
    void skippingTheStoredEntitiesSkipsTheBackfillOverThem() {
        assertThat(BenchSettings.parse("--skip=stored,kafka").skip()).containsExactly("backfill", "kafka", "stored");
    }

    @Test
    void refusesWhatItDoesNotKnowSayingWhatItTakes() {
        assertThatThrownBy(() -> BenchSettings.parse("--recrods=5")).hasMessageContaining("unknown option --recrods")
                .hasMessageContaining("--records=10000");
        assertThatThrownBy(() -> BenchSettings.parse("--records=-3")).hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> BenchSettings.parse("--skip=everything")).hasMessageContaining("unknown stage");
        assertThatThrownBy(() -> BenchSettings.parse("records")).hasMessageContaining("not --name=value");
    }

    @Test
    void refusesABulkUploadLargerThanTheGatewayTakes() {
        assertThatThrownBy(() -> BenchSettings.parse("--records=60000")).hasMessageContaining("64 MB");
    }
}
