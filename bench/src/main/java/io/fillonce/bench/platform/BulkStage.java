package io.fillonce.bench.platform;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The bulk path end to end: a cadre uploads N records as one NDJSON batch through the gateway, and the clock runs
 * from the upload's first byte until every subscribed department's topic holds every record (read_committed, each
 * message counted once). The stack's CPU time is read from {@code /proc} just before the upload and just after the
 * last delivery.
 */
final class BulkStage {

    /**
     * One bulk run.
     *
     * @param fullStore run after the stored entities were loaded
     * @param acceptedSeconds until the gateway answered 202
     * @param storedSeconds until the upload's job was DONE (null if it never was)
     * @param seconds until the last delivery (or until the bench gave up)
     * @param recordsPerSecond records / seconds
     * @param messagesPerSecond records × (1 + F) / seconds: the canonical event and F department messages
     * @param cpuSeconds CPU time of every process of the stack over the run
     * @param cpuSecondsByComponent the same, per component (pid file name), busiest first
     * @param repeated department messages read more than once (allowed: at-least-once)
     */
    record Run(int fanout, int records, boolean fullStore, double acceptedSeconds, Double storedSeconds,
            long deliveries, long expectedDeliveries, double seconds, double recordsPerSecond,
            double messagesPerSecond, double cpuSeconds, Map<String, Double> cpuSecondsByComponent,
            double cpuSecondsPer1000Records, long repeated,
            boolean finished, String detail) {
    }

    private final Gateway gateway;
    private final KafkaClients kafka;
    private final StackProcesses processes;
    private final RecordShape shape;
    private final Progress progress;
    private final String cadreKey;

    BulkStage(Gateway gateway, KafkaClients kafka, StackProcesses processes, RecordShape shape, Progress progress,
            String cadreKey) {
        this.gateway = gateway;
        this.kafka = kafka;
        this.processes = processes;
        this.shape = shape;
        this.progress = progress;
        this.cadreKey = cadreKey;
    }

    Run run(int fanout, int records, String run, boolean fullStore, java.time.Duration timeout) throws Exception {
        String type = BenchCatalogue.fanoutType(fanout);
        List<String> departments = BenchCatalogue.departments(fanout);
        String name = String.format(Locale.ROOT, "bulk F=%d%s", fanout, fullStore ? " (full store)" : "");
        String ndjson = shape.ndjson(run, 0, records);
        progress.line("%s: %,d records (%,d bytes) to %s, %d department topics watched", name, records,
                ndjson.length(), type, departments.size());
        DeliveryTally tally = new DeliveryTally(run, records, departments);
        try (DepartmentTopics topics = new DepartmentTopics(kafka, departments)) {
            topics.watch(tally);
            StackProcesses.Sample before = processes.sample();
            long start = System.nanoTime();
            String job = gateway.upload(type, ndjson, cadreKey);
            long accepted = System.nanoTime();
            Upload upload = new Upload(job, records);
            long deadline = start + timeout.toNanos();
            String stopped = null;
            while (!tally.complete() && stopped == null) {
                topics.check();
                upload.poll();
                if (upload.failed() != null) {
                    stopped = upload.failed();
                }
                else if (System.nanoTime() > deadline) {
                    stopped = String.format(Locale.ROOT, "did not finish in %d s: %s, %,d of %,d deliveries",
                            timeout.toSeconds(), upload.describe(), tally.deliveries(), tally.expected());
                }
                else if (progress.due()) {
                    progress.line("%s: %s, %,d of %,d deliveries", name, upload.describe(), tally.deliveries(),
                            tally.expected());
                }
                Thread.sleep(50);
            }
            StackProcesses.Sample after = processes.sample();
            long end = tally.complete() ? tally.lastArrivalNanos() : System.nanoTime();
            long delivered = tally.deliveries();
            if (stopped != null && upload.failed() == null) {
                stopped += drain(name, tally, topics, timeout);
            }
            double seconds = (end - start) / 1e9;
            double cpu = processes.cpuSeconds(before, after);
            Run result = new Run(fanout, records, fullStore, (accepted - start) / 1e9,
                    upload.doneNanos == 0 ? null : (upload.doneNanos - start) / 1e9, delivered,
                    tally.expected(), seconds, records / seconds, records * (1.0 + fanout) / seconds, cpu,
                    processes.cpuSecondsByComponent(before, after), cpu * 1000 / records, tally.repeated(), stopped == null, stopped == null ? "" : stopped);
            if (stopped == null) {
                progress.line("%s: %,d records to %d departments in %.1f s: %.1f records/s, %.1f messages/s, stored "
                        + "after %s s, CPU %.1f s (%s)", name, records, fanout, seconds, result.recordsPerSecond(),
                        result.messagesPerSecond(), Table.number(result.storedSeconds()), cpu,
                        cpuShares(result.cpuSecondsByComponent()));
            }
            return result;
        }
    }

    private static String cpuShares(Map<String, Double> byComponent) {
        return byComponent.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * After a run that ran out of time: waits as long again for its deliveries, so that the next stage does not
     * measure a platform still busy with this one; says how that went.
     */
    private String drain(String name, DeliveryTally tally, DepartmentTopics topics, java.time.Duration timeout)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!tally.complete() && System.nanoTime() < deadline) {
            topics.check();
            if (progress.due()) {
                progress.line("%s: draining, %,d of %,d deliveries", name, tally.deliveries(), tally.expected());
            }
            Thread.sleep(250);
        }
        return tally.complete() ? String.format(Locale.ROOT, "; every delivery was there %.0f s later",
                (tally.lastArrivalNanos() - start) / 1e9)
                : String.format(Locale.ROOT, "; still %,d of %,d deliveries %d s later: later stages ran on a busy "
                        + "platform", tally.deliveries(), tally.expected(), timeout.toSeconds());
    }

    /** The upload's job as last polled (every half second until it is no longer RUNNING). */
    private final class Upload {

        private final String location;
        private final int records;
        private JsonNode job;
        private long lastPoll;
        private long doneNanos;

        Upload(String location, int records) {
            this.location = location;
            this.records = records;
        }

        void poll() throws Exception {
            if (doneNanos != 0 || System.nanoTime() - lastPoll < 500_000_000L) {
                return;
            }
            lastPoll = System.nanoTime();
            job = gateway.job(location, cadreKey);
            if (!"RUNNING".equals(job.path("state").asString())) {
                doneNanos = System.nanoTime();
            }
        }

        String failed() throws Exception {
            if (doneNanos == 0) {
                return null;
            }
            if (!"DONE".equals(job.path("state").asString()) || job.path("accepted").asLong() != records) {
                return "the upload did not store every record: " + job + "; first rejected lines: "
                        + gateway.rejectedLines(location, cadreKey);
            }
            return null;
        }

        String describe() {
            return job == null ? "upload accepted" : String.format(Locale.ROOT, "upload %s %,d of %,d stored",
                    job.path("state").asString(), job.path("accepted").asLong(), records);
        }
    }
}
