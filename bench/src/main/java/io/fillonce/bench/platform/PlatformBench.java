package io.fillonce.bench.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import io.fillonce.bench.Identity;

/**
 * {@code ./fillonce bench}: the running local stack against a plain Kafka producer and a MongoDB insert loop on the
 * same broker and server, in one run. Stages, in this order: the bench's catalogue; T_k; T_m; the bulk path with F =
 * 1, 9, 33 departments on the empty store; the single-record REST load (straight to intake, through the gateway, S
 * with deliveries, latencies at half of S); the stored entities; a backfill over them; the bulk path again on the
 * full store. A stage that fails or runs out of time is reported and the next one runs. Prints one table and writes
 * {@code .fillonce/bench/latest.json}. Exit status: 0 every stage finished, 1 some did not, 2 bad options.
 */
public final class PlatformBench {

    private final BenchSettings settings;
    private final Progress progress = new Progress(System.out);
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final Map<String, String> loads = Collections.synchronizedMap(new LinkedHashMap<>());
    private final String run = "r" + Long.toString(System.currentTimeMillis() / 1000, 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
    private final String started = now();
    private final String loadAtStart = loadAverage();
    private final Stages stages = new Stages();
    private final ResultFiles files;
    private final long storedBefore;
    private final StackProcesses processes;
    private final MemoryWatch watch;
    private long stored;
    private double idleCpu = Double.NaN;
    private volatile boolean allFinished = true;
    private boolean written;

    private PlatformBench(BenchSettings settings) throws IOException {
        this.settings = settings;
        this.files = new ResultFiles(settings.stack().results());
        this.storedBefore = files.storedBefore();
        this.processes = StackProcesses.of(settings.stack().home());
        this.watch = new MemoryWatch(processes);
    }

    public static void main(String[] arguments) throws Exception {
        if (List.of(arguments).contains("--help")) {
            System.out.print(BenchSettings.USAGE);
            return;
        }
        BenchSettings settings;
        try {
            settings = BenchSettings.parse(arguments);
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PlatformBench bench = new PlatformBench(settings);
        boolean complete;
        try {
            complete = bench.run();
        }
        catch (Exception e) {
            bench.failed(e);
            complete = false;
        }
        System.exit(complete ? 0 : 1);
    }

    private boolean run() throws Exception {
        Path home = settings.stack().home();
        if (storedBefore > 0) {
            notes.add(String.format(Locale.ROOT, "the store was not empty: earlier bench runs stored %,d entities "
                    + "(./fillonce bench --fresh starts from an empty one)", storedBefore));
        }
        progress.line("bench run %s against %s (kafka %s, mongodb %s); load average %s", run,
                settings.stack().gateway(), settings.stack().kafka(), settings.stack().mongodb(), loadAtStart);
        Http http = new Http();
        Gateway gateway = new Gateway(http, settings.stack().gateway(), secret(home.resolve("admin.key")));
        KafkaClients kafka = new KafkaClients(settings.stack().kafka(), settings.kafkaConfig());
        RecordShape shape = new RecordShape(settings.recordBytes());
        RecordsLag lag = new RecordsLag(kafka);
        Settling settling = new Settling(gateway, lag, progress, settings.timeout());
        BenchCatalogue catalogue = new BenchCatalogue(gateway, shape, settings.stack().results(), progress);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> finish(true), "bench-interrupted"));
        catalogue.prepare(settings.allFanouts(), settings.rest().fanout(), settings.cadres());
        BulkStage bulk = new BulkStage(gateway, kafka, processes, shape, progress, catalogue.cadreKeys().get(0));
        idleCpu = idleCpu(processes);
        warmUp(bulk, settling);
        Baselines baselines = new Baselines(shape, progress, run);
        if (settings.runs("kafka")) {
            stages.kafka = attempt("T_k", () -> finished("T_k", baselines.kafka(kafka, settings.kafkaRecords(),
                    settings.timeout())));
        }
        if (settings.runs("mongo")) {
            stages.mongo = attempt("T_m", () -> finished("T_m", baselines.mongo(settings.stack().mongodb(),
                    settings.mongoDocuments(), settings.concurrency(), settings.timeout())));
        }
        if (settings.runs("bulk")) {
            for (int fanout : settings.fanouts()) {
                BulkStage.Run result = attempt("bulk F=" + fanout, () -> bulkRun(bulk, fanout, false, settling));
                if (result != null) {
                    stages.emptyStore.add(result);
                }
            }
        }
        if (settings.runs("rest")) {
            RestStage rest = new RestStage(settings, http, gateway,
                    Identity.withSecret(secret(home.resolve("identity.key"))), catalogue, shape, settling, progress,
                    run);
            stages.rest = attempt("REST", () -> rest.run(kafka));
            stored += stages.rest == null ? 0 : stages.rest.recordsStored();
        }
        if (settings.runs("stored")) {
            storedStages(new StoredStage(gateway, catalogue, kafka, processes, shape, settling, progress), bulk,
                    settling);
        }
        finish(false);
        return allFinished;
    }

    private void failed(Exception e) {
        e.printStackTrace();
        notes.add("the bench failed: " + e);
        allFinished = false;
        finish(false);
    }

    /**
     * Prints the table and writes latest.json, once: at the end of the run, or with what there is when the bench is
     * stopped (Ctrl-C, kill) before that.
     */
    private synchronized void finish(boolean interrupted) {
        if (written) {
            return;
        }
        written = true;
        try {
            if (interrupted) {
                allFinished = false;
                notes.add("the bench was stopped before it finished: these are the figures it had");
            }
            files.addStored(stored);
            StackProcesses.Sample after = processes.sample();
            watch.close();
            Results.Memory memory = new Results.Memory(after.rssKiB(), after.totalRssKiB(), watch.peakKiB(),
                    Math.max(watch.peakTotalKiB(), after.totalRssKiB()));
            Results results = new Results(run, started, now(), new Results.Machine(Runtime.getRuntime()
                    .availableProcessors(), loadAtStart, loadAverage(), idleCpu, benchCpuSeconds(processes)),
                    settings, settings.up(), storedBefore, stages.kafka, stages.mongo, stages.emptyStore,
                    stages.rest, stages.load, stages.backfill, stages.fullStore, stages.storedBeforeFullStore, memory,
                    copy(loads),
                    Ratios.of(stages.kafka, stages.mongo, stages.emptyStore, stages.fullStore, stages.rest), notes);
            Path latest = files.write(results);
            progress.print("");
            progress.print(Table.render(results));
            notes.forEach(note -> progress.print("note: " + note));
            progress.print("Every figure: " + latest);
        }
        catch (IOException | RuntimeException | InterruptedException e) {
            System.err.println("could not write the results: " + e);
        }
    }

    /** What the stages produced; null where a stage was skipped or failed. */
    private static final class Stages {

        Throughput kafka;
        Throughput mongo;
        final List<BulkStage.Run> emptyStore = new CopyOnWriteArrayList<>();
        RestStage.Figures rest;
        StoredStage.Load load;
        StoredStage.Backfill backfill;
        BulkStage.Run fullStore;
        Long storedBeforeFullStore;
    }

    private void storedStages(StoredStage stage, BulkStage bulk, Settling settling) {
        String storedRun = run + "s";
        progress.line("stored: %,d entities of %s, %,d an upload", settings.stored(), StoredStage.type(storedRun),
                settings.uploadChunk());
        stages.load = attempt("stored", () -> stage.load(storedRun, settings.stored(), settings.uploadChunk()));
        if (stages.load == null) {
            return;
        }
        stored += settings.stored();
        finished(stages.load.finished(), "stored", stages.load.detail());
        if (settings.runs("backfill")) {
            stages.backfill = attempt("backfill", () -> stage.backfill(storedRun, settings.stored(),
                    settings.timeout()));
            if (stages.backfill != null) {
                finished(stages.backfill.finished(), "backfill", stages.backfill.detail());
            }
        }
        if (settings.runs("bulk")) {
            stages.storedBeforeFullStore = storedBefore + stored;
            stages.fullStore = attempt("bulk on the full store", () -> bulkRun(bulk, settings.storedRunFanout(), true,
                    settling));
        }
    }

    /** The stack's CPU use while the bench does nothing, in CPU seconds per second (background work). */
    private double idleCpu(StackProcesses processes) throws IOException, InterruptedException {
        StackProcesses.Sample before = processes.sample();
        long start = System.nanoTime();
        Thread.sleep(5000);
        double idle = processes.cpuSeconds(before, processes.sample()) / ((System.nanoTime() - start) / 1e9);
        progress.line("idle: the stack uses %.2f CPU seconds per second while the bench waits", idle);
        return idle;
    }

    /** An untimed bulk run, so the first timed one does not pay for class loading and the JIT. */
    private void warmUp(BulkStage bulk, Settling settling) {
        if (settings.warmup() == 0) {
            return;
        }
        progress.line("warm-up (not measured):");
        attempt("warm-up", () -> {
            BulkStage.Run warm = bulk.run(settings.storedRunFanout(), settings.warmup(), run + "w", false,
                    settings.timeout());
            stored += settings.warmup();
            finished(warm.finished(), "warm-up", warm.detail());
            settling.settled("warm-up");
            return warm;
        });
    }

    private BulkStage.Run bulkRun(BulkStage bulk, int fanout, boolean fullStore, Settling settling) throws Exception {
        int records = settings.recordsFor(fanout);
        BulkStage.Run result = bulk.run(fanout, records, run + "f" + fanout + (fullStore ? "s" : ""), fullStore,
                settings.timeout());
        stored += records;
        finished(result.finished(), "bulk F=" + fanout, result.detail());
        if (result.finished()) {
            settling.settled("bulk run");
        }
        return result;
    }

    private interface Stage<T> {

        T run() throws Exception;
    }

    /** Runs a stage; a failure is noted (and the run goes on) instead of ending the bench. */
    private <T> T attempt(String name, Stage<T> stage) {
        try {
            return stage.run();
        }
        catch (Settling.NotSettled e) {
            finished(false, name, e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        catch (Exception e) {
            finished(false, name, "failed: " + e);
        }
        finally {
            loads.put(name, loadAverage());
        }
        return null;
    }

    private Throughput finished(String name, Throughput figure) {
        finished(figure.finished(), name, figure.detail());
        return figure;
    }

    private void finished(boolean finished, String name, String detail) {
        if (!finished) {
            allFinished = false;
            notes.add(name + ": " + detail);
            progress.line("%s: %s", name, detail);
        }
    }

    private static Map<String, String> copy(Map<String, String> synchronizedMap) {
        synchronized (synchronizedMap) {
            return new LinkedHashMap<>(synchronizedMap);
        }
    }

    private static String secret(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: is the local stack up (./fillonce up)?");
        }
        return Files.readString(file).strip();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        }
        catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double benchCpuSeconds(StackProcesses processes) {
        try {
            StackProcesses.Stat self = StackProcesses.Stat.parse(Files.readString(Path.of("/proc/self/stat")));
            return processes.seconds(self.userTicks() + self.systemTicks());
        }
        catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
