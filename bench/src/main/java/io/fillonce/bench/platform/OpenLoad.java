package io.fillonce.bench.platform;

import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;

/**
 * An open-model load: request {@code seq} is due at {@code start + seq / rate}, whatever happened to the ones before
 * (a closed loop would wait for answers and so hide a slow system). Each latency runs from the moment the request
 * was due. At most {@code maxInFlight} requests are outstanding (the client's connections); a request that waits
 * for one is late, and its lateness is part of its latency. When the schedule slips by more than {@code maxLag}
 * the run stops sending and says so: the rate is then not sustained.
 */
final class OpenLoad {

    /** Sends request {@code seq}; completes with the HTTP status. */
    interface Request {

        CompletableFuture<Integer> send(int seq);
    }

    /**
     * What one run at a fixed rate did.
     *
     * @param due requests the schedule had for the run
     * @param sent requests sent before the run ended or fell behind
     * @param answered requests answered in time (any status)
     * @param succeeded 2xx answers
     * @param failures other answers by status; -1 for a request that failed without an answer
     * @param fellBehind the schedule slipped by more than the allowed lag, so sending stopped
     * @param response latencies from due to answered
     * @param accepted the {@code seq} of every request answered 2xx
     */
    record Outcome(double rate, int due, int sent, int answered, int succeeded, Map<Integer, Integer> failures,
            boolean fellBehind, Latency response, BitSet accepted) {

        boolean allSucceeded() {
            return !fellBehind && sent == due && succeeded == due;
        }
    }

    private final double rate;
    private final int due;
    private final int maxInFlight;
    private final Duration maxLag;
    private volatile long start;

    OpenLoad(double rate, Duration duration, int maxInFlight, Duration maxLag) {
        this.rate = rate;
        this.due = Math.max(1, (int) Math.round(rate * duration.toNanos() / 1e9));
        this.maxInFlight = maxInFlight;
        this.maxLag = maxLag;
    }

    int due() {
        return due;
    }

    /** When request {@code seq} is due, in {@link System#nanoTime()} terms (once the run has started). */
    long dueNanos(int seq) {
        return start + Math.round(seq * 1e9 / rate);
    }

    Outcome run(Request request, Duration answerWait) throws InterruptedException {
        ConcurrentHistogram latencies = Latency.histogram();
        Semaphore connections = new Semaphore(maxInFlight);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        Map<Integer, Integer> failures = new ConcurrentHashMap<>();
        BitSet accepted = new BitSet(due);
        start = System.nanoTime();
        int sent = 0;
        boolean behind = false;
        for (int seq = 0; seq < due; seq++) {
            long dueAt = dueNanos(seq);
            for (long wait = dueAt - System.nanoTime(); wait > 0; wait = dueAt - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            long slack = dueAt + maxLag.toNanos() - System.nanoTime();
            if (slack <= 0 || !connections.tryAcquire(slack, TimeUnit.NANOSECONDS)) {
                behind = true;
                break;
            }
            sent++;
            int number = seq;
            send(request, seq).whenComplete((status, error) -> {
                Latency.record(latencies, System.nanoTime() - dueAt);
                if (error == null && status >= 200 && status < 300) {
                    succeeded.incrementAndGet();
                    synchronized (accepted) {
                        accepted.set(number);
                    }
                }
                else {
                    failures.merge(error == null ? status : -1, 1, Integer::sum);
                }
                answered.incrementAndGet();
                connections.release();
            });
        }
        long deadline = System.nanoTime() + answerWait.toNanos();
        while (answered.get() < sent && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        synchronized (accepted) {
            return new Outcome(rate, due, sent, answered.get(), succeeded.get(), new TreeMap<>(failures), behind,
                    Latency.of(latencies), (BitSet) accepted.clone());
        }
    }

    private static CompletableFuture<Integer> send(Request request, int seq) {
        try {
            return request.send(seq);
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
