package io.fillonce.bench.platform;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one run of {@code ./fillonce bench} does, from {@code --name=value} arguments ({@link #USAGE}). The script
 * passes where the stack is ({@code --home}, {@code --gateway}, …) and how long its {@code up} took; everything else
 * has a default, and {@code --quick} lowers the sizes (an explicit option still wins).
 *
 * @param stack where the local stack and its files are
 * @param up how the stack was brought up for this run
 * @param fanouts the F of the bulk runs (departments subscribed on the topic channel)
 * @param records records per bulk upload, per F
 * @param recordBytes size of one record as uploaded (NDJSON line)
 * @param warmup records of an untimed bulk run before anything is measured (0: none)
 * @param stored entities stored before the backfill and the bulk run on a full store
 * @param storedRunFanout F of that bulk run on a full store (compared with the same F on the empty store)
 * @param uploadChunk records per upload while storing
 * @param kafkaRecords records the plain producer sends (T_k)
 * @param mongoDocuments documents the insert loop writes (T_m)
 * @param concurrency insert threads of T_m and requests in flight at most of the REST load
 * @param cadres cadres the REST load is spread over (the gateway limits each principal's rate)
 * @param rest the rate search and latency runs
 * @param timeout longest wait of any one stage
 * @param skip stages left out: kafka, mongo, rest, bulk, stored (also skips backfill and the full-store bulk run),
 *        backfill
 * @param kafkaConfig optional properties file of further Kafka client settings (e.g. SASL)
 */
record BenchSettings(Stack stack, UpTime up, List<Integer> fanouts, Map<Integer, Integer> records, int recordBytes,
        int warmup, int stored, int storedRunFanout, int uploadChunk, int kafkaRecords, int mongoDocuments, int concurrency,
        int cadres, RestSettings rest, Duration timeout, Set<String> skip, Path kafkaConfig) {

    static final Set<String> STAGES = Set.of("kafka", "mongo", "rest", "bulk", "stored", "backfill");

    static final String USAGE = """
            usage: ./fillonce bench [--fresh] [--measure-up] [--keep-up] [--quick] [options]
              --fresh             stop the stack, delete its data (keeps .fillonce/bench/), start it again (timed)
              --measure-up        stop a running stack and time its up
              --keep-up           leave a stack the bench started running afterwards
              --quick             small sizes: a few minutes on a fast platform
              --records=10000     records per bulk upload (quick 500); --records-f<F>=N for one F
              --fanouts=1,9,33    departments subscribed in the bulk runs
              --record-bytes=1200 size of one record
              --warmup=10000      records of an untimed bulk run first, so the JIT has compiled the hot paths (quick 100; 0 for none)
              --stored=100000     entities stored for the backfill and the full-store bulk run (quick 2000)
              --stored-run-fanout=1  F of the bulk run on the full store
              --upload-chunk=20000   records per upload while storing
              --kafka-records=200000 --mongo-documents=50000 --concurrency=32 --cadres=64
              --rate-start=10 --rate-min=0.5 --rate-max=2000 --step-seconds=10 --grace-seconds=10
              --refine-steps=3 --latency-seconds=60 --rest-fanout=9 --sustain-p99-ms=2000
              --timeout-seconds=1800  longest wait of any one stage
              --skip=kafka,mongo,rest,bulk,stored,backfill
              --kafka-config=file     further Kafka client properties (e.g. SASL)
            """;

    List<Integer> allFanouts() {
        List<Integer> all = new ArrayList<>(fanouts);
        if (!all.contains(storedRunFanout)) {
            all.add(storedRunFanout);
        }
        return all;
    }

    int recordsFor(int fanout) {
        return records.get(fanout);
    }

    boolean runs(String stage) {
        return !skip.contains(stage);
    }

    static BenchSettings parse(String... arguments) {
        Options options = Options.parse(arguments);
        Stack stack = new Stack(Path.of(options.text("--home", ".fillonce")),
                URI.create(options.text("--gateway", "http://127.0.0.1:8080")),
                URI.create(options.text("--intake", "http://127.0.0.1:8081")),
                options.text("--kafka", "127.0.0.1:9092"), options.text("--mongodb", "mongodb://127.0.0.1:27017"));
        UpTime up = new UpTime(options.text("--up-mode", "running"), options.decimalOrNull("--up-seconds"),
                options.decimalOrNull("--up-ready-seconds"));
        List<Integer> fanouts = options.wholeNumbers("--fanouts", "1,9,33");
        int storedRunFanout = options.whole("--stored-run-fanout", 1, 1);
        int records = options.whole("--records", 10_000, 500);
        Map<Integer, Integer> perFanout = new TreeMap<>();
        for (int fanout : fanouts) {
            perFanout.put(fanout, options.whole("--records-f" + fanout, records, records));
        }
        perFanout.putIfAbsent(storedRunFanout, options.whole("--records-f" + storedRunFanout, records, records));
        RestSettings rest = new RestSettings(options.decimal("--rate-start", 10, 10),
                options.decimal("--rate-min", 0.5, 0.5), options.decimal("--rate-max", 2000, 2000),
                Duration.ofSeconds(options.whole("--step-seconds", 10, 5)),
                Duration.ofSeconds(options.whole("--grace-seconds", 10, 10)),
                options.count("--refine-steps", 3, 1), Duration.ofSeconds(options.whole("--latency-seconds", 60, 15)),
                options.whole("--rest-fanout", 9, 9), Duration.ofMillis(options.whole("--sustain-p99-ms", 2000, 2000)));
        BenchSettings settings = new BenchSettings(stack, up, fanouts, perFanout,
                options.whole("--record-bytes", 1200, 1200), options.count("--warmup", 10_000, 100),
                options.whole("--stored", 100_000, 2_000),
                storedRunFanout, options.whole("--upload-chunk", 20_000, 20_000),
                options.whole("--kafka-records", 200_000, 20_000), options.whole("--mongo-documents", 50_000, 5_000),
                options.whole("--concurrency", 32, 32), options.whole("--cadres", 64, 64), rest,
                Duration.ofSeconds(options.whole("--timeout-seconds", 1800, 600)), options.stages("--skip"),
                options.has("--kafka-config") ? Path.of(options.text("--kafka-config", null)) : null);
        options.rejectUnused();
        settings.check();
        return settings;
    }

    private void check() {
        long bulkBytes = (long) records.values().stream().mapToInt(Integer::intValue).max().orElse(0) * recordBytes;
        if (bulkBytes > 60L * 1024 * 1024) {
            throw new IllegalArgumentException("a bulk run is one upload, and the gateway takes at most 64 MB: "
                    + "lower --records or --record-bytes");
        }
        if ((long) uploadChunk * recordBytes > 60L * 1024 * 1024) {
            throw new IllegalArgumentException("--upload-chunk times --record-bytes must stay under 60 MB");
        }
        if (recordBytes < RecordShape.MIN_BYTES) {
            throw new IllegalArgumentException("--record-bytes must be at least " + RecordShape.MIN_BYTES);
        }
        if (rest.rateMin() > rest.rateStart() || rest.rateStart() > rest.rateMax()) {
            throw new IllegalArgumentException("--rate-min <= --rate-start <= --rate-max, please");
        }
    }

    /**
     * Where the stack is.
     *
     * @param home FILLONCE_HOME: admin.key, identity.key, run/*.pid, and bench/ for the results
     */
    record Stack(Path home, URI gateway, URI intake, String kafka, String mongodb) {

        Path results() {
            return home.resolve("bench");
        }
    }

    /**
     * How the stack came up for this run.
     *
     * @param mode running (it already was: not timed), started (from a stopped stack), restarted (--measure-up) or
     *        fresh (--fresh: from an empty data folder)
     * @param seconds the whole {@code ./fillonce up}, null when not timed
     * @param readySeconds what {@code up} printed ("Fill Once is up in N s": from the first start to all ready and the
     *        demo catalogue loaded), null when not timed
     */
    record UpTime(String mode, Double seconds, Double readySeconds) {
    }

    /**
     * The single-record REST load: a search for the sustained rate, then latencies at half of it.
     *
     * @param step how long each arrival rate is offered
     * @param grace how long after a step its answers and deliveries may still arrive
     * @param refineSteps bisections after the doubling (or halving) found a passing and a failing rate
     * @param fanout departments subscribed to the type the end-to-end load submits
     * @param sustainP99 a rate is sustained only while p99 stays under this
     */
    record RestSettings(double rateStart, double rateMin, double rateMax, Duration step, Duration grace,
            int refineSteps, Duration latencyRun, int fanout, Duration sustainP99) {
    }
}
