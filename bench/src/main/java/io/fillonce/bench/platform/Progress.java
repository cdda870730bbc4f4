package io.fillonce.bench.platform;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Progress lines while the bench runs, each with the time since it started; {@link #due()} paces repeated ones. */
public final class Progress {

    private static final Duration EVERY = Duration.ofSeconds(5);

    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastRepeated;

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void line(String format, Object... values) {
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println(String.format(Locale.ROOT, "[%7.1f s] ", seconds) + String.format(Locale.ROOT, format, values));
        out.flush();
    }

    /** True at most every 5 s: for lines repeated while something is awaited. */
    public boolean due() {
        long now = System.nanoTime();
        if (now - lastRepeated >= EVERY.toNanos()) {
            lastRepeated = now;
            return true;
        }
        return false;
    }

    public void print(String text) {
        out.println(text);
        out.flush();
    }
}
