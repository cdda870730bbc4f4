package io.fillonce.bench.platform;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * A store with many entities, and a backfill over them: loads {@code stored} entities of a record type of this
 * run's own ({@code bench-stored-<run>}, no subscriber) in bulk uploads, waits until intake has relayed them and
 * the readers of {@code fillonce.records} have consumed them, then subscribes {@code bench-backfill} to the type
 * and times the backfill from the subscription's creation until the department's topic holds every entity.
 */
final class StoredStage {

    /**
     * The loading of the stored entities.
     *
     * @param uploadSeconds until every upload's job was DONE
     * @param relayedSeconds until intake's relay backlog was 0 (null when the platform does not show it)
     * @param consumedSeconds until every reader group of fillonce.records had caught up (null if none is visible)
     */
    record Load(String type, int entities, double uploadSeconds, Double relayedSeconds, Double consumedSeconds,
            double cpuSeconds, boolean finished, String detail) {
    }

    /**
     * The backfill of a new subscription over the stored entities.
     *
     * @param job the backfill job as {@code /api/ops/backfills?subscription=} showed it last
     */
    record Backfill(String type, String subscription, int entities, long delivered, double seconds,
            double entitiesPerSecond, double cpuSeconds, double cpuSecondsPer1000Entities, JsonNode job,
            boolean finished, String detail) {
    }

    private final Gateway gateway;
    private final BenchCatalogue catalogue;
    private final KafkaClients kafka;
    private final StackProcesses processes;
    private final RecordShape shape;
    private final Settling settling;
    private final Progress progress;

    StoredStage(Gateway gateway, BenchCatalogue catalogue, KafkaClients kafka, StackProcesses processes,
            RecordShape shape, Settling settling, Progress progress) {
        this.gateway = gateway;
        this.catalogue = catalogue;
        this.kafka = kafka;
        this.processes = processes;
        this.shape = shape;
        this.settling = settling;
        this.progress = progress;
    }

    static String type(String run) {
        return "bench-stored-" + run;
    }

    Load load(String run, int entities, int chunk) throws Exception {
        String type = type(run);
        catalogue.ensureType(type);
        catalogue.awaitType(type);
        StackProcesses.Sample before = processes.sample();
        long start = System.nanoTime();
        Double relayed = null;
        Double consumed = null;
        try {
            for (int from = 0; from < entities; from += chunk) {
                upload(type, run, from, Math.min(chunk, entities - from), entities, start);
            }
            double uploaded = seconds(start);
            progress.line("stored: %,d entities uploaded in %.1f s (%.0f/s); waiting for the relay", entities,
                    uploaded, entities / uploaded);
            settling.relayed("stored upload");
            relayed = gateway.relayBacklog() == null ? null : seconds(start);
            if (settling.consumed("stored upload")) {
                consumed = seconds(start);
            }
            else {
                progress.line("stored: no reader group of fillonce.records is visible; not waiting for one");
            }
            double cpu = processes.cpuSeconds(before, processes.sample());
            return new Load(type, entities, uploaded, relayed, consumed, cpu, true, "");
        }
        catch (Settling.NotSettled e) {
            double cpu = processes.cpuSeconds(before, processes.sample());
            return new Load(type, entities, seconds(start), relayed, consumed, cpu, false, e.getMessage());
        }
    }

    private void upload(String type, String run, int from, int count, int entities, long start) throws Exception {
        String key = catalogue.cadreKeys().get(0);
        String job = gateway.upload(type, shape.ndjson(run, from, count), key);
        settling.await(String.format(Locale.ROOT, "stored upload of %,d-%,d", from, from + count - 1), () -> {
            JsonNode state = gateway.job(job, key);
            if ("RUNNING".equals(state.path("state").asString())) {
                return String.format(Locale.ROOT, "%,d of %,d lines read", state.path("linesRead").asLong(), count);
            }
            if (!"DONE".equals(state.path("state").asString()) || state.path("accepted").asLong() != count) {
                throw new IllegalStateException("a stored upload did not store every record: " + state
                        + "; first rejected lines: " + gateway.rejectedLines(job, key));
            }
            return null;
        });
        progress.line("stored: %,d of %,d uploaded (%.0f/s)", from + count, entities, (from + count) / seconds(start));
    }

    Backfill backfill(String run, int entities, Duration timeout) throws Exception {
        String type = type(run);
        List<String> department = List.of(BenchCatalogue.BACKFILL_DEPARTMENT);
        DeliveryTally tally = new DeliveryTally(run, entities, department);
        try (DepartmentTopics topics = new DepartmentTopics(kafka, department)) {
            topics.watch(tally);
            StackProcesses.Sample before = processes.sample();
            long start = System.nanoTime();
            String subscription = catalogue.subscribe(BenchCatalogue.BACKFILL_DEPARTMENT, type, false);
            progress.line("backfill: subscription %s of %s to %s created; %,d entities to deliver", subscription,
                    BenchCatalogue.BACKFILL_DEPARTMENT, type, entities);
            JsonNode[] job = { null };
            String stopped = null;
            try {
                settling.await("backfill", timeout, () -> {
                    topics.check();
                    if (tally.complete()) {
                        return null;
                    }
                    job[0] = gateway.backfillOf(subscription);
                    return String.format(Locale.ROOT, "%,d of %,d on the topic; job %s", tally.deliveries(),
                            entities, job[0] == null ? "not visible yet" : summary(job[0]));
                });
            }
            catch (Settling.NotSettled e) {
                stopped = e.getMessage();
            }
            double cpu = processes.cpuSeconds(before, processes.sample());
            job[0] = gateway.backfillOf(subscription);
            long end = tally.complete() ? tally.lastArrivalNanos() : System.nanoTime();
            double seconds = (end - start) / 1e9;
            Backfill result = new Backfill(type, subscription, entities, tally.deliveries(), seconds,
                    tally.deliveries() / seconds, cpu, cpu * 1000 / entities, job[0], stopped == null,
                    stopped == null ? "" : stopped);
            if (stopped == null) {
                progress.line("backfill: %,d entities in %.1f s: %.0f entities/s", entities, seconds,
                        result.entitiesPerSecond());
            }
            return result;
        }
    }

    private static String summary(JsonNode job) {
        return String.format(Locale.ROOT, "%s %s, %,d enqueued + %,d skipped of %,d", job.path("state").asString(),
                job.path("phase").asString(), job.path("enqueued").asLong(), job.path("skipped").asLong(),
                job.path("total").asLong());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
