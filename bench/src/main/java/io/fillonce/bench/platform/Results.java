package io.fillonce.bench.platform;

import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, as written to {@code .fillonce/bench/latest.json}: each raw figure, then the ratios.
 * A stage that was skipped or failed is null (and {@code notes} says why).
 *
 * @param run this run's mark (entity keys, record types and department messages of the run carry it)
 * @param storedBefore entities earlier bench runs stored in this data folder: not 0 means the "empty" store was not
 * @param emptyStore the bulk runs before the stored entities were loaded
 * @param fullStore the bulk run after them
 * @param storedBeforeFullStore entities bench runs had stored (this one's stored entities, bulk and REST records,
 *        and earlier runs') when the full-store run started
 * @param loadAfter the machine's load average (1, 5, 15 minutes) as each stage ended: what else was running
 */
record Results(String run, String started, String finished, Machine machine, BenchSettings settings,
        BenchSettings.UpTime up, long storedBefore, Throughput kafka, Throughput mongo, List<BulkStage.Run> emptyStore,
        RestStage.Figures rest, StoredStage.Load stored, StoredStage.Backfill backfill, BulkStage.Run fullStore,
        Long storedBeforeFullStore, Memory memory, Map<String, String> loadAfter, Ratios ratios, List<String> notes) {

    /**
     * The machine while the bench ran.
     *
     * @param loadAtStart {@code /proc/loadavg} (1, 5, 15 minutes) when the bench started
     * @param stackIdleCpuPerSecond CPU seconds per second the stack used over 5 s before any load (its background
     *        work, part of every stage's CPU figure)
     * @param benchCpuSeconds CPU time of the bench's own JVM (load generator and topic readers), not in the stack's
     */
    record Machine(int cores, String loadAtStart, String loadAtEnd, double stackIdleCpuPerSecond,
            double benchCpuSeconds) {
    }

    /**
     * The stack's resident memory (VmRSS of every process of each component's process group).
     *
     * @param afterKiB per component when the bench ended
     * @param peakKiB per component, the highest of the samples taken every 2 s
     * @param peakTotalKiB the highest sum of one sample
     */
    record Memory(Map<String, Long> afterKiB, long afterTotalKiB, Map<String, Long> peakKiB, long peakTotalKiB) {
    }
}
