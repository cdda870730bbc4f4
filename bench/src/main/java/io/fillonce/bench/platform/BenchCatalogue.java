package io.fillonce.bench.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;

import io.fillonce.bench.platform.Http.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bench's own registry entries, made through the gateway's admin API like any administrator would, none named
 * like the demo catalogue's: record types {@code bench-f<F>} (F departments subscribed), {@code bench-rest} (none),
 * {@code bench-live-f<F>}, departments {@code bench-d01}… and {@code bench-backfill}, and cadres whose API keys
 * (shown once) are kept in {@code .fillonce/bench/cadres.properties}. Kept from run to run: each run's entity keys
 * are fresh instead. Only what is missing is created; then the bench waits until the gateway, intake and sync know
 * it all.
 */
public final class BenchCatalogue {

    static final String REGION = "370602";
    static final String BACKFILL_DEPARTMENT = "bench-backfill";
    static final String REST_TYPE = "bench-rest";
    private static final Duration PROPAGATION = Duration.ofSeconds(90);

    private final Gateway gateway;
    private final RecordShape shape;
    private final Path results;
    private final Progress progress;
    private final List<String> cadreKeys = new ArrayList<>();
    private final List<String> cadreIds = new ArrayList<>();

    BenchCatalogue(Gateway gateway, RecordShape shape, Path results, Progress progress) {
        this.gateway = gateway;
        this.shape = shape;
        this.results = results;
        this.progress = progress;
    }

    static String fanoutType(int fanout) {
        return "bench-f" + fanout;
    }

    static String liveType(int fanout) {
        return "bench-live-f" + fanout;
    }

    static List<String> departments(int fanout) {
        return IntStream.rangeClosed(1, fanout).mapToObj(i -> String.format(Locale.ROOT, "bench-d%02d", i)).toList();
    }

    List<String> cadreKeys() {
        return cadreKeys;
    }

    List<String> cadreIds() {
        return cadreIds;
    }

    /** Types with their departments subscribed, {@code bench-rest}, the backfill department and the cadres. */
    void prepare(List<Integer> fanouts, int liveFanout, int cadres) throws IOException, InterruptedException {
        List<String> subscriptions = new ArrayList<>();
        int widest = Math.max(liveFanout, fanouts.stream().mapToInt(Integer::intValue).max().orElse(1));
        for (String department : departments(widest)) {
            ensureDepartment(department);
        }
        ensureDepartment(BACKFILL_DEPARTMENT);
        ensureType(REST_TYPE);
        for (int fanout : fanouts) {
            subscriptions.addAll(ensureSubscribed(fanoutType(fanout), fanout));
        }
        subscriptions.addAll(ensureSubscribed(liveType(liveFanout), liveFanout));
        ensureCadres(cadres);
        progress.line("catalogue: %d departments, %d subscriptions, %d cadres in place; waiting until the gateway, "
                + "intake and sync know them", widest + 1, subscriptions.size(), cadres);
        awaitCadres(REST_TYPE);
        for (String subscription : subscriptions) {
            awaitSubscription(subscription);
        }
    }

    void ensureType(String name) throws IOException, InterruptedException {
        JsonNode wanted = shape.recordType(name);
        Answer existing = gateway.adminGet("/api/registry/record-types/" + name);
        if (existing.ok()) {
            if (!propertyNames(existing.body()).equals(propertyNames(wanted))) {
                throw new IllegalStateException("record type " + name + " exists with another schema than this "
                        + "bench's: start from a fresh stack (./fillonce bench --fresh)");
            }
            return;
        }
        created(gateway.adminPost("/api/registry/record-types", wanted), "record type " + name);
    }

    private static java.util.Set<String> propertyNames(JsonNode type) {
        return new java.util.TreeSet<>(type.path("schema").path("properties").propertyNames());
    }

    private void ensureDepartment(String code) throws IOException, InterruptedException {
        if (gateway.adminGet("/api/registry/departments/" + code).ok()) {
            return;
        }
        ObjectNode department = Http.JSON.createObjectNode().put("code", code)
                .put("name", "Benchmark department " + code);
        created(gateway.adminPost("/api/registry/departments", department), "department " + code);
    }

    private List<String> ensureSubscribed(String type, int fanout) throws IOException, InterruptedException {
        ensureType(type);
        List<String> ids = new ArrayList<>();
        for (String department : departments(fanout)) {
            ids.add(subscribe(department, type, true));
        }
        return ids;
    }

    /** The id of {@code department}'s subscription to {@code type}: the existing one if asked, else a new one. */
    String subscribe(String department, String type, boolean reuse) throws IOException, InterruptedException {
        if (reuse) {
            Answer list = gateway.adminGet("/api/registry/subscriptions?department=" + department + "&recordType="
                    + type);
            if (list.ok() && list.body().path("items").size() > 0) {
                return list.body().path("items").get(0).path("id").asString();
            }
        }
        return created(gateway.adminPost("/api/registry/subscriptions", RecordShape.subscription(department, type)),
                "subscription of " + department + " to " + type).path("id").asString();
    }

    private void ensureCadres(int count) throws IOException, InterruptedException {
        Path file = results.resolve("cadres.properties");
        Properties known = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                known.load(reader);
            }
        }
        String batch = UUID.randomUUID().toString().substring(0, 8);
        for (int i = known.size(); i < count; i++) {
            String id = String.format(Locale.ROOT, "bench-cadre-%s-%03d", batch, i);
            ObjectNode cadre = Http.JSON.createObjectNode().put("id", id).put("name", "Benchmark cadre " + i)
                    .put("regionCode", REGION);
            known.setProperty(id, created(gateway.adminPost("/api/registry/cadres", cadre), "cadre " + id)
                    .path("apiKey").asString());
        }
        save(file, known);
        known.stringPropertyNames().stream().sorted().limit(count).forEach(id -> {
            cadreIds.add(id);
            cadreKeys.add(known.getProperty(id));
        });
    }

    private static void save(Path file, Properties keys) throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer writer = Files.newBufferedWriter(file)) {
            keys.store(writer, "API keys of the bench's cadres (shown once by the registry); delete with the stack");
        }
    }

    /** Until every cadre's key passes the gateway and intake knows the type: an empty record is then a 422. */
    void awaitCadres(String type) throws IOException, InterruptedException {
        for (String key : cadreKeys) {
            await("cadre key and record type " + type, () -> {
                Answer probe = gatewayProbe(type, key);
                return probe.status() == 422 ? null : probe.describe();
            });
        }
    }

    /** Until intake knows the type (the first cadre submits an empty record: 422 once known). */
    void awaitType(String type) throws IOException, InterruptedException {
        await("record type " + type, () -> {
            Answer probe = gatewayProbe(type, cadreKeys.get(0));
            return probe.status() == 422 ? null : probe.describe();
        });
    }

    private Answer gatewayProbe(String type, String key) throws IOException, InterruptedException {
        return gateway.cadrePost("/api/records/" + type, key, Http.JSON.createObjectNode());
    }

    /** Until sync knows the subscription: its preview of a bench record carries the run and seq through. */
    void awaitSubscription(String id) throws IOException, InterruptedException {
        JsonNode sample = Http.JSON.readTree(shape.record("sample", 7));
        await("subscription " + id, () -> {
            Answer preview = gateway.adminPost("/api/registry/subscriptions/" + id + "/preview", sample);
            if (!preview.ok()) {
                return preview.describe();
            }
            JsonNode payload = preview.body().path("payload");
            if (!"sample".equals(payload.path("run").asString()) || payload.path("seq").asInt() != 7) {
                throw new IllegalStateException("subscription " + id + " does not pass run and seq through: "
                        + preview.describe());
            }
            return null;
        });
    }

    /** A condition the catalogue's users await (the fault suite's too). */
    public interface Check {

        /** Null when done, else what is still wrong. */
        String pending() throws IOException, InterruptedException;
    }

    /** Until {@code check} has nothing pending, at most 90 s: what the registry registered is known everywhere. */
    public static void await(String what, Check check) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        String pending = check.pending();
        while (pending != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " was not known everywhere after " + PROPAGATION.toSeconds()
                        + " s: " + pending);
            }
            Thread.sleep(250);
            pending = check.pending();
        }
    }

    /** The answer's body if it registered something (201, or 200), else why not as an exception. */
    public static JsonNode created(Answer answer, String what) {
        if (answer.status() != 201 && answer.status() != 200) {
            throw new IllegalStateException("could not register " + what + ": " + answer.describe());
        }
        return answer.body();
    }
}
