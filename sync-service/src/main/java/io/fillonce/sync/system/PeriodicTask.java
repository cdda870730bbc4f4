package io.fillonce.sync.system;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Work an instance does in the background on its own daemon thread, every {@code every} from {@code firstAfter}
 * after the application started, each run after the last ended; stopped with the application.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private final String name;
    private final Duration firstAfter;
    private final Duration every;
    private volatile ScheduledExecutorService scheduler;

    protected PeriodicTask(String name, Duration firstAfter, Duration every) {
        this.name = name;
        this.firstAfter = firstAfter;
        this.every = every;
    }

    /** One run; what it throws ends no later run, so a run catches and says what went wrong itself. */
    protected abstract void runOnce();

    @Override
    public synchronized void start() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-");
        threads.setDaemon(true);
        scheduler = Executors.newSingleThreadScheduledExecutor(threads);
        scheduler.scheduleWithFixedDelay(this::runOnce, firstAfter.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
