package io.fillonce.bench.platform;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RatiosTests {

    private static final Throughput KAFKA = Throughput.of(100_000, 2_000_000_000L);

    private static final Throughput MONGO = Throughput.of(10_000, 2_000_000_000L);

    @Test
    void bulkFanoutIsTheWorstFanoutsMessagesPerSecondOverTheProducers() {
        List<BulkStage.Run> runs = List.of(run(1, 1000, 10, 1.0), run(9, 1000, 20, 3.0), run(33, 1000, 100, 9.0));

        Ratios ratios = Ratios.of(KAFKA, MONGO, runs, null, null);

        // records x (1 + F) / s: F=1 200/s, F=9 500/s, F=33 340/s; T_k 50,000/s
        assertThat(ratios.bulkFanoutOverTk()).isCloseTo(200.0 / 50_000, within(1e-9));
        assertThat(ratios.cpuF33OverF1()).isCloseTo(9.0, within(1e-9));
    }

    @Test
    void aFanoutThatDidNotFinishIsLeftOutAndSaidSo() {
        List<BulkStage.Run> runs = List.of(run(1, 1000, 10, 1.0), unfinished(33));

        Ratios ratios = Ratios.of(KAFKA, MONGO, runs, null, null);

        assertThat(ratios.bulkFanoutOverTk()).isCloseTo(200.0 / 50_000, within(1e-9));
        assertThat(ratios.cpuF33OverF1()).isNull();
        assertThat(ratios.notes()).anyMatch(note -> note.contains("leaves out F=33"));
    }

    @Test
    void theFullStoreIsComparedWithTheSameFanoutOnTheEmptyStore() {
        List<BulkStage.Run> runs = List.of(run(1, 1000, 10, 1.0), run(9, 1000, 5, 1.0));

        Ratios ratios = Ratios.of(KAFKA, MONGO, runs, run(1, 1000, 40, 1.0), null);

        assertThat(ratios.storedOverEmpty()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void restRatiosComeFromTheSearches() {
        RestStage.Figures rest = new RestStage.Figures(search(400), search(300), 150.0, null, null, 4.5, search(50),
                null, "");

        Ratios ratios = Ratios.of(KAFKA, MONGO, List.of(), null, rest);

        assertThat(ratios.restOverTm()).isCloseTo(50.0 / 5000, within(1e-9));
        assertThat(ratios.gatewayOverDirect()).isCloseTo(0.75, within(1e-9));
        assertThat(ratios.gatewayAddedP99Ms()).isEqualTo(4.5);
    }

    @Test
    void missingFiguresGiveNullRatiosWithAReason() {
        Ratios ratios = Ratios.of(null, null, List.of(), null, null);

        assertThat(ratios.bulkFanoutOverTk()).isNull();
        assertThat(ratios.restOverTm()).isNull();
        assertThat(ratios.gatewayOverDirect()).isNull();
        assertThat(ratios.storedOverEmpty()).isNull();
        assertThat(ratios.notes()).hasSize(5);
    }

    private static RestStage.Search search(double sustained) {
        return new RestStage.Search("path", sustained, List.of(), "");
    }

    private static BulkStage.Run run(int fanout, int records, double seconds, double cpuPer1000) {
        return new BulkStage.Run(fanout, records, false, 0.1, 1.0, (long) records * fanout, (long) records * fanout,
                seconds, records / seconds, records * (1.0 + fanout) / seconds, cpuPer1000 * records / 1000,
                Map.of(), cpuPer1000, 0, true, "");
    }

    private static BulkStage.Run unfinished(int fanout) {
        return new BulkStage.Run(fanout, 1000, false, 0.1, null, 10, 33_000, 600, 1.7, 58, 100, Map.of(), 100, 0,
                false,
                "did not finish in 600 s");
    }
}
