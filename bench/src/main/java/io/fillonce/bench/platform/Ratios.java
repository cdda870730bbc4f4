package io.fillonce.bench.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The platform against its own foundations, all measured in the same run (issue 10's "done means"). A ratio is null
 * when a figure it needs is missing; {@code notes} says which and why, and when a ratio covers less than it should.
 *
 * @param bulkFanoutOverTk worst over the bulk runs on the empty store of records × (1 + F) / s, over T_k (goal ≥ 0.10)
 * @param restOverTm S (sustained single-record REST rate, deliveries kept up) over T_m
 * @param gatewayOverDirect sustained REST answer rate through the gateway over straight to intake
 * @param gatewayAddedP99Ms p99 answer time through the gateway minus straight to intake, at the same rate
 * @param cpuF33OverF1 stack CPU per record at F = 33 over at F = 1 (goal ≤ 4)
 * @param storedOverEmpty bulk records/s with the stored entities over on the empty store, same F (goal ≥ 0.8)
 */
record Ratios(@JsonProperty("bulk_fanout_over_t_k") Double bulkFanoutOverTk,
        @JsonProperty("rest_over_t_m") Double restOverTm,
        @JsonProperty("gateway_over_direct") Double gatewayOverDirect,
        @JsonProperty("gateway_added_p99_ms") Double gatewayAddedP99Ms,
        @JsonProperty("cpu_f33_over_f1") Double cpuF33OverF1,
        @JsonProperty("stored_100k_over_empty") Double storedOverEmpty,
        List<String> notes) {

    static Ratios of(Throughput kafka, Throughput mongo, List<BulkStage.Run> emptyStore, BulkStage.Run fullStore,
            RestStage.Figures rest) {
        List<String> notes = new ArrayList<>();
        return new Ratios(bulkFanout(kafka, emptyStore, notes), restOverMongo(rest, mongo, notes),
                gatewayOverDirect(rest, notes), rest == null ? null : rest.gatewayAddedP99Ms(),
                cpu(emptyStore, notes), stored(emptyStore, fullStore, notes), notes);
    }

    private static Double bulkFanout(Throughput kafka, List<BulkStage.Run> runs, List<String> notes) {
        if (kafka == null || !kafka.finished()) {
            notes.add("bulk_fanout_over_t_k: no T_k");
            return null;
        }
        List<BulkStage.Run> finished = runs.stream().filter(BulkStage.Run::finished).toList();
        runs.stream().filter(run -> !run.finished()).forEach(run -> notes.add(String.format(Locale.ROOT,
                "bulk_fanout_over_t_k leaves out F=%d, which did not finish: the ratio is at best this", run.fanout())));
        return finished.stream().mapToDouble(BulkStage.Run::messagesPerSecond).min().stream()
                .mapToObj(worst -> worst / kafka.perSecond()).findFirst().orElseGet(() -> {
                    notes.add("bulk_fanout_over_t_k: no bulk run finished");
                    return null;
                });
    }

    private static Double restOverMongo(RestStage.Figures rest, Throughput mongo, List<String> notes) {
        if (rest == null || mongo == null || !mongo.finished()) {
            notes.add("rest_over_t_m: no " + (rest == null ? "REST figures" : "T_m"));
            return null;
        }
        if (!rest.endToEnd().note().isEmpty()) {
            notes.add("rest_over_t_m: the search for S stopped early (" + rest.endToEnd().note() + ")");
        }
        return rest.endToEnd().sustained() / mongo.perSecond();
    }

    private static Double gatewayOverDirect(RestStage.Figures rest, List<String> notes) {
        if (rest == null || rest.direct().sustained() == 0) {
            notes.add("gateway_over_direct: no sustained rate straight to intake");
            return null;
        }
        return rest.gateway().sustained() / rest.direct().sustained();
    }

    private static Double cpu(List<BulkStage.Run> runs, List<String> notes) {
        Optional<BulkStage.Run> one = finished(runs, 1);
        Optional<BulkStage.Run> wide = finished(runs, 33);
        if (one.isEmpty() || wide.isEmpty()) {
            notes.add("cpu_f33_over_f1: needs finished bulk runs with F=1 and F=33");
            return null;
        }
        return wide.get().cpuSecondsPer1000Records() / one.get().cpuSecondsPer1000Records();
    }

    private static Double stored(List<BulkStage.Run> runs, BulkStage.Run full, List<String> notes) {
        if (full == null || !full.finished()) {
            notes.add("stored_100k_over_empty: no finished bulk run on the full store");
            return null;
        }
        Optional<BulkStage.Run> empty = finished(runs, full.fanout());
        if (empty.isEmpty()) {
            notes.add("stored_100k_over_empty: no finished bulk run with F=" + full.fanout() + " on the empty store");
            return null;
        }
        return full.recordsPerSecond() / empty.get().recordsPerSecond();
    }

    private static Optional<BulkStage.Run> finished(List<BulkStage.Run> runs, int fanout) {
        return runs.stream().filter(run -> run.fanout() == fanout && run.finished()).findFirst();
    }
}
