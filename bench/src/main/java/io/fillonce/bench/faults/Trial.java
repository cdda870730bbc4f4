package io.fillonce.bench.faults;

import java.util.ArrayList;
import java.util.List;

import io.fillonce.bench.platform.Progress;

/**
 * One scenario while it runs: the stack it breaks, the load it sends, the books its receivers keep, and what the
 * fault saw (details printed under the scenario's line) or found wrong beyond the books (problems, which fail it).
 */
final class Trial {

    final Stack stack;
    final Load load;
    final Scoreboard.Books books;
    final Progress progress;
    final FaultSuite suite;
    private final List<String> details = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Check> afterwards = new ArrayList<>();

    /** A check the fault leaves for when everything has settled. */
    interface Check {

        void run() throws Exception;
    }

    Trial(Stack stack, Load load, Scoreboard.Books books, Progress progress, FaultSuite suite) {
        this.stack = stack;
        this.load = load;
        this.books = books;
        this.progress = progress;
        this.suite = suite;
    }

    /** Seconds since the scenario started. */
    double seconds() {
        return (System.nanoTime() - books.startNanos()) / 1e9;
    }

    synchronized void detail(String format, Object... values) {
        String line = String.format(java.util.Locale.ROOT, format, values);
        details.add(line);
        progress.line("  %s", line);
    }

    synchronized void problem(String format, Object... values) {
        String line = String.format(java.util.Locale.ROOT, format, values);
        problems.add(line);
        progress.line("  PROBLEM: %s", line);
    }

    synchronized void afterwards(Check check) {
        afterwards.add(check);
    }

    synchronized List<Check> checksAfterwards() {
        return List.copyOf(afterwards);
    }

    synchronized List<String> details() {
        return List.copyOf(details);
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
