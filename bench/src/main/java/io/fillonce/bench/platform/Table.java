package io.fillonce.bench.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The one table a run prints: a row per figure, the ratios last. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    private Table() {
    }

    static String render(Results results) {
        Table table = new Table();
        table.head(results);
        table.baselines(results);
        table.rest(results.rest());
        results.emptyStore().forEach(table::bulk);
        table.stored(results);
        table.memory(results.memory());
        table.loads(results);
        table.ratios(results.ratios());
        return table.text();
    }

    /** A figure with a thousands separator and as many decimals as it deserves; "–" for none. */
    static String number(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return "–";
        }
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%,.1f" : magnitude >= 0.1 ? "%.2f" : "%.4f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private void head(Results results) {
        row("run", results.run() + ", " + results.started() + " → " + results.finished());
        Results.Machine machine = results.machine();
        row("machine", String.format(Locale.ROOT, "%d cores; load average %s at start, %s at end", machine.cores(),
                machine.loadAtStart(), machine.loadAtEnd()));
        row("CPU outside the runs", String.format(Locale.ROOT, "stack idle %s CPU s/s; bench JVM %s CPU s in all",
                number(machine.stackIdleCpuPerSecond()), number(machine.benchCpuSeconds())));
        BenchSettings.UpTime up = results.up();
        row("up", up.seconds() == null ? "not timed (the stack was running)" : String.format(Locale.ROOT,
                "%s s (%s; ./fillonce up said ready in %s s)", number(up.seconds()), up.mode(),
                number(up.readySeconds())));
        if (results.storedBefore() > 0) {
            row("store", String.format(Locale.ROOT, "%,d entities stored by earlier bench runs (--fresh empties it)",
                    results.storedBefore()));
        }
    }

    private void baselines(Results results) {
        throughput("T_k plain Kafka producer", results.kafka(), "records");
        throughput("T_m MongoDB inserts", results.mongo(), "documents");
    }

    private void throughput(String label, Throughput figure, String what) {
        if (figure != null) {
            row(label, String.format(Locale.ROOT, "%s/s (%,d %s in %s s)%s", number(figure.perSecond()),
                    figure.count(), what, number(figure.seconds()), figure.finished() ? "" : " " + figure.detail()));
        }
    }

    private void rest(RestStage.Figures rest) {
        if (rest == null) {
            return;
        }
        search("REST straight to intake", rest.direct());
        search("REST through the gateway", rest.gateway());
        if (rest.pairedRate() != null) {
            row("gateway added p99", String.format(Locale.ROOT, "%s ms at %s/s each, both at once (p99 %s ms direct, "
                    + "%s ms gateway)",
                    number(rest.gatewayAddedP99Ms()), number(rest.pairedRate()),
                    number(rest.directPaired().response().p99Ms()), number(rest.gatewayPaired().response().p99Ms())));
        }
        search("S: REST, deliveries kept up", rest.endToEnd());
        if (!rest.note().isEmpty()) {
            row("", "REST stopped early: " + rest.note());
        }
        Step half = rest.atHalf();
        if (half != null) {
            row("submit → last department", String.format(Locale.ROOT,
                    "at %s/s: p50 %s, p99 %s, p99.9 %s, max %s ms (%,d records)%s", number(half.rate()),
                    number(half.endToEnd().p50Ms()), number(half.endToEnd().p99Ms()),
                    number(half.endToEnd().p999Ms()), number(half.endToEnd().maxMs()), half.endToEnd().count(),
                    half.sustained() ? "" : "; " + half.why()));
        }
    }

    private void search(String label, RestStage.Search search) {
        row(label, String.format(Locale.ROOT, "sustained %s/s (%d steps)%s", number(search.sustained()),
                search.steps().size(), search.note().isEmpty() ? "" : "; stopped: " + search.note()));
    }

    private void bulk(BulkStage.Run run) {
        String label = String.format(Locale.ROOT, "bulk F=%d%s", run.fanout(), run.fullStore() ? " full store" : "");
        String figures = String.format(Locale.ROOT,
                "%s records/s, %s messages/s (%,d records in %s s; stored after %s s); CPU %s s per 1,000 records",
                number(run.recordsPerSecond()), number(run.messagesPerSecond()), run.records(), number(run.seconds()),
                number(run.storedSeconds()), number(run.cpuSecondsPer1000Records()));
        row(label, run.finished() ? figures : run.detail());
    }

    private void stored(Results results) {
        StoredStage.Load load = results.stored();
        if (load != null) {
            row("stored entities", String.format(Locale.ROOT,
                    "%,d: uploaded in %s s, relayed by %s s, consumed by %s s%s", load.entities(),
                    number(load.uploadSeconds()), number(load.relayedSeconds()), number(load.consumedSeconds()),
                    load.finished() ? "" : "; " + load.detail()));
        }
        StoredStage.Backfill backfill = results.backfill();
        if (backfill != null) {
            row("backfill", backfill.finished() ? String.format(Locale.ROOT,
                    "%s entities/s (%,d in %s s); CPU %s s per 1,000 entities", number(backfill.entitiesPerSecond()),
                    backfill.entities(), number(backfill.seconds()), number(backfill.cpuSecondsPer1000Entities()))
                    : backfill.detail());
        }
        if (results.fullStore() != null) {
            bulk(results.fullStore());
            row("", String.format(Locale.ROOT, "(after %,d entities stored by bench runs, besides the demo catalogue)",
                    results.storedBeforeFullStore()));
        }
    }

    private void memory(Results.Memory memory) {
        if (memory == null) {
            return;
        }
        StringBuilder parts = new StringBuilder();
        for (Map.Entry<String, Long> component : memory.afterKiB().entrySet()) {
            parts.append(String.format(Locale.ROOT, "%s %,d, ", component.getKey(), component.getValue() / 1024));
        }
        row("RSS after (MiB)", parts + String.format(Locale.ROOT, "total %,d (peak %,d)",
                memory.afterTotalKiB() / 1024, memory.peakTotalKiB() / 1024));
    }

    private void loads(Results results) {
        StringBuilder stages = new StringBuilder();
        results.loadAfter().forEach((stage, load) -> stages.append(stages.isEmpty() ? "" : ", ").append(stage)
                .append(' ').append(load.split(" ")[0]));
        if (!stages.isEmpty()) {
            row("1-min load after", stages.toString());
        }
    }

    private void ratios(Ratios ratios) {
        row("bulk_fanout_over_t_k", number(ratios.bulkFanoutOverTk()) + "   (goal ≥ 0.10, aim 0.25)");
        row("rest_over_t_m", number(ratios.restOverTm()));
        row("gateway_over_direct", number(ratios.gatewayOverDirect()));
        row("gateway_added_p99_ms", number(ratios.gatewayAddedP99Ms()));
        row("cpu_f33_over_f1", number(ratios.cpuF33OverF1()) + "   (goal ≤ 4)");
        row("stored_100k_over_empty", number(ratios.storedOverEmpty()) + "   (goal ≥ 0.8)");
        ratios.notes().forEach(note -> row("", note));
    }

    private void row(String label, String value) {
        rows.add(new String[] { label, value });
    }

    private String text() {
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            text.append(String.format(Locale.ROOT, "%-" + width + "s  %s%n", row[0], row[1]));
        }
        return text.toString();
    }
}
