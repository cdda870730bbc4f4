package io.fillonce.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.fillonce.bench.platform.Http;
import io.fillonce.bench.platform.Http.Answer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Submits a scenario's known set through the gateway as cadres do: {@code entities} entities, each given
 * {@code versions} versions one after another (a version is sent once the one before it was acknowledged), spread
 * over one worker per cadre. Every submission carries an Idempotency-Key, and is sent again with the same key until
 * the platform acknowledges it (201, or 200 when it already holds that data): while a service, the broker or the
 * database is down, the submitter keeps trying, as a cadre's form would. With {@code copies} above one, each
 * submission is sent that many times at once (racing requests with one key); all must get the same version.
 * With a rate, submissions are paced to it overall.
 */
final class Load {

    private static final Duration GIVE_UP = Duration.ofMinutes(10);

    private final Http http;
    private final URI records;
    private final List<String> cadreKeys;
    private final String run;
    private final int entities;
    private final int versions;
    private final int copies;
    private final long intervalNanos;
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final Map<String, AtomicLong> retries = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final AtomicLong disagreements = new AtomicLong();
    private final AtomicLong nextSlot = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final List<Thread> workers = new ArrayList<>();

    Load(Http http, URI records, List<String> cadreKeys, String run, int entities, int versions, int copies,
            double perSecond) {
        this.http = http;
        this.records = records;
        this.cadreKeys = cadreKeys;
        this.run = run;
        this.entities = entities;
        this.versions = versions;
        this.copies = copies;
        this.intervalNanos = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
    }

    int total() {
        return entities * versions;
    }

    int acknowledged() {
        return acknowledged.get();
    }

    /** Tries sent again, by what the one before got (a status, or "unreachable"). */
    String retries() {
        if (retries.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        retries.forEach((why, count) -> text.append(text.isEmpty() ? "" : ", ").append(count.get()).append(" after ")
                .append(why));
        return text.toString();
    }

    long disagreements() {
        return disagreements.get();
    }

    String failure() {
        return failure.get();
    }

    void start() {
        nextSlot.set(System.nanoTime());
        for (int w = 0; w < cadreKeys.size(); w++) {
            int worker = w;
            Thread thread = new Thread(() -> work(worker), "load-" + w);
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
    }

    /** Until every worker is done (or has failed); false if {@code limit} passed first. */
    boolean await(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread worker : workers) {
            worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (worker.isAlive()) {
                return false;
            }
        }
        return true;
    }

    private void work(int worker) {
        String key = cadreKeys.get(worker);
        ExecutorService racers = copies > 1 ? Executors.newFixedThreadPool(copies) : null;
        try {
            for (int version = 0; version < versions && failure.get() == null; version++) {
                for (int entity = worker; entity < entities && failure.get() == null; entity += cadreKeys.size()) {
                    pace();
                    submit(key, entity, version, racers);
                    acknowledged.incrementAndGet();
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, "interrupted");
        }
        catch (RuntimeException e) {
            failure.compareAndSet(null, e.getMessage());
        }
        finally {
            if (racers != null) {
                racers.shutdownNow();
            }
        }
    }

    private void pace() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long wait = nextSlot.getAndAdd(intervalNanos) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private void submit(String key, int entity, int version, ExecutorService racers) throws InterruptedException {
        ObjectNode record = record(entity, version);
        String idempotencyKey = run + "-" + entity + "-" + version;
        if (racers == null) {
            untilAcknowledged(key, idempotencyKey, record);
            return;
        }
        List<CompletableFuture<Integer>> racing = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            racing.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return untilAcknowledged(key, idempotencyKey, record);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }, racers));
        }
        if (racing.stream().map(CompletableFuture::join).distinct().count() > 1) {
            disagreements.incrementAndGet();
        }
    }

    /** The record of the entity's version: what changes from version to version is its seq and its notes. */
    private ObjectNode record(int entity, int version) {
        ObjectNode record = Http.JSON.createObjectNode();
        record.put("idNumber", run + "-" + entity);
        record.put("run", run);
        record.put("seq", Ledger.seq(entity, version, versions));
        record.put("name", "Resident " + entity);
        record.put("regionCode", FaultSuite.REGION);
        record.put("notes", "version " + (version + 1) + " of the fault suite's record");
        return record;
    }

    private void retried(String why) {
        retries.computeIfAbsent(why, key -> new AtomicLong()).incrementAndGet();
    }

    /** The entity version the platform acknowledged, after as many tries as it takes (up to 10 minutes). */
    private int untilAcknowledged(String cadreKey, String idempotencyKey, ObjectNode record)
            throws InterruptedException {
        Map<String, String> headers = new HashMap<>(Http.bearer(cadreKey));
        headers.put("Idempotency-Key", idempotencyKey);
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                Answer answer = http.postJson(records, headers, record);
                if (answer.status() == 201 || answer.status() == 200) {
                    return answer.body().path("version").asInt();
                }
                last = answer.describe();
                retried(String.valueOf(answer.status()));
                if (answer.status() == 429) {
                    Thread.sleep(Math.max(100, answer.retryAfter().toMillis()));
                }
                else if (answer.status() == 409 && last.contains("in-flight") || answer.status() >= 500) {
                    Thread.sleep(Math.max(250, answer.retryAfter().toMillis()));
                }
                else {
                    throw new IllegalStateException("submission " + idempotencyKey + " refused: " + last);
                }
            }
            catch (IOException unreachable) {
                last = unreachable.toString();
                retried("unreachable");
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("submission " + idempotencyKey + " not acknowledged in "
                + GIVE_UP.toMinutes() + " minutes: " + last);
    }
}
