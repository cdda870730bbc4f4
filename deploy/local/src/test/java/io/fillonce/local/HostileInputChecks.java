package io.fillonce.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.fillonce.local.HostileRequests.Caller;
import io.fillonce.local.HostileRequests.Hostile;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's proof through the real services: at least 2,000 generated malformed and hostile requests
 * ({@link HostileRequests}) sent through the gateway to registry, intake and sync endpoints. Every answer must be a
 * 4xx problem+json (no 5xx, no success) and nothing may be stored: registry totals, the records topic, the record's
 * version and the department's feed are the same before and after. Run inside {@link LocalStackIntegrationTests}'
 * stack, after its walk-through.
 */
abstract class HostileInputChecks {

    static final int REQUESTS = 2_100;
    private static final List<String> REGISTRY = List.of("record-types", "code-tables", "departments", "cadres",
            "principals", "subscriptions");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** What the walk-through left: the cadre's and the department's keys, the subscription, the stored record. */
    record Walkthrough(LocalStack stack, String cadreKey, String departmentKey, String subscription,
            String recordKey) {
    }

    abstract Walkthrough walkthrough();

    @Test
    void hostileRequestsGetA4xxProblemAndStoreNothing() throws Exception {
        Walkthrough w = walkthrough();
        GatewayClient gateway = new GatewayClient(w.stack().gateway());
        Map<Caller, List<String>> keys = keys(w, gateway);
        Map<String, Object> before = stored(w, gateway);

        HostileRequests generator = new HostileRequests(w.recordKey(), w.subscription());
        List<Hostile> requests = new ArrayList<>(generator.oversized());
        requests.addAll(generator.all().sampleStream().limit(REQUESTS).toList());
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentSkipListMap<>();
        long started = System.nanoTime();
        sendAll(w.stack().gateway(), requests, keys, failures, statuses);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf("hostile input: %d requests in %d s, statuses %s%n", requests.size(), seconds, statuses);

        assertThat(failures).as("requests not answered with a 4xx problem+json (%d of %d)", failures.size(),
                requests.size()).isEmpty();
        assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum()).isGreaterThanOrEqualTo(2_000);
        TimeUnit.SECONDS.sleep(3); // an outbox relay or a registry publication would show by now
        assertThat(stored(w, gateway)).as("what is stored, before and after").isEqualTo(before);
    }

    /** One key per worker: the gateway limits each principal's rate, so more principals go faster. */
    private Map<Caller, List<String>> keys(Walkthrough w, GatewayClient gateway) throws Exception {
        String admin = w.stack().adminKey();
        Map<Caller, List<String>> keys = new EnumMap<>(Caller.class);
        keys.put(Caller.ADMIN, new ArrayList<>(List.of(admin)));
        keys.put(Caller.CADRE, new ArrayList<>(List.of(w.cadreKey())));
        keys.put(Caller.DEPARTMENT, List.of(w.departmentKey()));
        keys.get(Caller.ADMIN).add(created(gateway.post("/api/registry/principals", admin,
                "{\"id\": \"hostile-admin\", \"name\": \"Hostile input test\", \"role\": \"ADMIN\"}")));
        for (int i = 1; i <= 3; i++) {
            keys.get(Caller.CADRE).add(created(gateway.post("/api/registry/cadres", admin,
                    "{\"id\": \"c-hostile-%d\", \"name\": \"Hostile %d\", \"regionCode\": \"370602\"}"
                            .formatted(i, i))));
        }
        TimeUnit.SECONDS.sleep(3); // the gateway learns new keys from fillonce.registry
        return keys;
    }

    private void sendAll(String base, List<Hostile> requests, Map<Caller, List<String>> keys, Queue<String> failures,
            Map<Integer, AtomicInteger> statuses) throws Exception {
        Map<String, List<Hostile>> perKey = new LinkedHashMap<>();
        Map<Caller, AtomicInteger> turns = new EnumMap<>(Caller.class);
        for (Hostile request : requests) {
            List<String> callers = keys.get(request.caller());
            int turn = turns.computeIfAbsent(request.caller(), c -> new AtomicInteger()).getAndIncrement();
            perKey.computeIfAbsent(callers.get(turn % callers.size()), k -> new ArrayList<>()).add(request);
        }
        ExecutorService workers = Executors.newFixedThreadPool(perKey.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            perKey.forEach((key, mine) -> done.add(workers.submit(() -> {
                for (Hostile request : mine) {
                    check(base, key, request, failures, statuses);
                }
                return null;
            })));
            for (Future<?> future : done) {
                future.get(10, TimeUnit.MINUTES);
            }
        }
        finally {
            workers.shutdownNow();
        }
    }

    private void check(String base, String key, Hostile request, Queue<String> failures,
            Map<Integer, AtomicInteger> statuses) throws InterruptedException {
        HttpResponse<String> answer;
        try {
            answer = send(base, key, request);
        }
        catch (IOException e) {
            failures.add("no answer (" + e + ") to " + request);
            return;
        }
        statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (answer.statusCode() < 400 || answer.statusCode() > 499 || !type.startsWith("application/problem+json")) {
            failures.add(answer.statusCode() + " " + type + " " + abbreviate(answer.body()) + " <- " + request);
        }
    }

    /** Sends the request; a 429 (the gateway's per-principal rate limit) is waited out, it is no answer. */
    private HttpResponse<String> send(String base, String key, Hostile request)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        request.headers().forEach(builder::header);
        HttpRequest built = builder.build();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> answer = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 429 || attempt == 100) {
                return answer;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** Registry totals, the records topic's end offsets, the record's version and the department's feed. */
    private Map<String, Object> stored(Walkthrough w, GatewayClient gateway) throws Exception {
        Map<String, Object> stored = new TreeMap<>();
        for (String collection : REGISTRY) {
            GatewayClient.Reply page = gateway.get("/api/registry/" + collection + "?limit=1000", w.stack().adminKey());
            assertThat(page.status()).as(String.valueOf(page.body())).isEqualTo(200);
            stored.put(collection, (long) page.body().get("items").size());
        }
        GatewayClient.Reply record = gateway.get("/api/records/resident/" + w.recordKey(), w.cadreKey());
        stored.put("record version", record.body().get("version").asInt());
        GatewayClient.Reply feed = gateway.get("/api/feeds/civil-affairs?limit=1000", w.departmentKey());
        stored.put("feed items", feed.body().get("items").size());
        stored.put("fillonce.records offsets", endOffsets(w.stack().servicePrincipal("fillonce-admin"),
                "fillonce.records"));
        return stored;
    }

    /** As the stack's operator: the secured broker shows fillonce.records to no one else outside the services. */
    private static String endOffsets(Properties operator, String topic) {
        Properties config = new Properties();
        config.putAll(operator);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).entrySet().stream().sorted(Map.Entry.comparingByKey(
                    (a, b) -> Integer.compare(a.partition(), b.partition())))
                    .map(e -> e.getKey().partition() + "=" + e.getValue()).collect(Collectors.joining(","));
        }
    }

    private static String created(GatewayClient.Reply reply) {
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
        return reply.body().get("apiKey").asString();
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
