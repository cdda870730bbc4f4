package io.fillonce.bench.platform;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** Samples the stack's resident memory every 2 s while the bench runs: the peak of all components together. */
final class MemoryWatch implements AutoCloseable {

    private final StackProcesses processes;
    private final Thread thread;
    private final Map<String, Long> peakByComponent = new TreeMap<>();
    private long peakTotal;
    private volatile boolean running = true;

    MemoryWatch(StackProcesses processes) {
        this.processes = processes;
        thread = new Thread(this::watch, "memory-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (running) {
            try {
                StackProcesses.Sample sample = processes.sample();
                synchronized (this) {
                    peakTotal = Math.max(peakTotal, sample.totalRssKiB());
                    sample.rssKiB().forEach((component, kib) -> peakByComponent.merge(component, kib, Math::max));
                }
                Thread.sleep(2000);
            }
            catch (IOException missed) {
                // the next sample counts
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    synchronized long peakTotalKiB() {
        return peakTotal;
    }

    synchronized Map<String, Long> peakKiB() {
        return new TreeMap<>(peakByComponent);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
