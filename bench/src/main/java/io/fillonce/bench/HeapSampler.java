package io.fillonce.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** Samples intake's heap in use every 100 ms while a phase runs; the peak of those samples. */
final class HeapSampler implements AutoCloseable {

    private final AtomicLong peak = new AtomicLong();

    private final Thread thread;

    private volatile boolean running = true;

    HeapSampler(IntakeInstance intake) {
        thread = new Thread(() -> sample(intake), "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample(IntakeInstance intake) {
        while (running) {
            try {
                peak.accumulateAndGet(intake.heapUsed(), Math::max);
                Thread.sleep(100);
            }
            catch (IOException missedOne) {
                // intake busy: the next sample counts
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    long peakBytes() {
        return peak.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
