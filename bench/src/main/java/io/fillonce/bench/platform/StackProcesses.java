package io.fillonce.bench.platform;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The local stack's processes as {@code /proc} shows them: each component's pid file in {@code .fillonce/run/}
 * names a process that {@code ./fillonce} started in its own process group (setsid), so a component is every
 * process of that group. Resident memory from {@code /proc/<pid>/status} (VmRSS), CPU time from
 * {@code /proc/<pid>/stat} (utime + stime, in clock ticks).
 */
final class StackProcesses {

    /** One moment: per component, resident memory (KiB) and CPU time used so far (ticks). */
    record Sample(Map<String, Long> rssKiB, Map<String, Long> cpuTicks) {

        long totalRssKiB() {
            return rssKiB.values().stream().mapToLong(Long::longValue).sum();
        }

        long totalCpuTicks() {
            return cpuTicks.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The fields of {@code /proc/<pid>/stat} the bench reads. */
    record Stat(long pid, long processGroup, long userTicks, long systemTicks) {

        /** Parses a stat line; the command name in parentheses may itself hold spaces and parentheses. */
        static Stat parse(String line) {
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            if (open < 0 || close < open) {
                throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
            }
            String[] rest = line.substring(close + 2).trim().split(" +");
            // rest[0] is field 3 (state): pgrp is field 5, utime 14, stime 15
            return new Stat(Long.parseLong(line.substring(0, open).trim()), Long.parseLong(rest[2]),
                    Long.parseLong(rest[11]), Long.parseLong(rest[12]));
        }
    }

    private final Path run;
    private final Path proc;
    private final long ticksPerSecond;

    StackProcesses(Path run, Path proc, long ticksPerSecond) {
        this.run = run;
        this.proc = proc;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** The stack of {@code home}, read from this machine's {@code /proc}. */
    static StackProcesses of(Path home) {
        return new StackProcesses(home.resolve("run"), Path.of("/proc"), clockTicks());
    }

    double seconds(long ticks) {
        return (double) ticks / ticksPerSecond;
    }

    /** CPU seconds the stack used between two samples. */
    double cpuSeconds(Sample before, Sample after) {
        return seconds(after.totalCpuTicks() - before.totalCpuTicks());
    }

    /** CPU seconds each component used between two samples, busiest first. */
    Map<String, Double> cpuSecondsByComponent(Sample before, Sample after) {
        Map<String, Double> used = new java.util.LinkedHashMap<>();
        after.cpuTicks().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.cpuTicks().getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> used.put(e.getKey(), seconds(e.getValue())));
        return used;
    }

    Sample sample() throws IOException {
        Map<String, Long> components = components();
        List<Stat> all = processes();
        Map<String, Long> rss = new TreeMap<>();
        Map<String, Long> cpu = new TreeMap<>();
        components.forEach((component, pid) -> {
            long kib = 0;
            long ticks = 0;
            for (Stat stat : all) {
                if (stat.pid() == pid || stat.processGroup() == pid) {
                    kib += rssKiB(stat.pid());
                    ticks += stat.userTicks() + stat.systemTicks();
                }
            }
            rss.put(component, kib);
            cpu.put(component, ticks);
        });
        return new Sample(rss, cpu);
    }

    /** Component name (pid file name) to pid. */
    private Map<String, Long> components() throws IOException {
        Map<String, Long> components = new TreeMap<>();
        if (!Files.isDirectory(run)) {
            return components;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(run, "*.pid")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    components.put(name.substring(0, name.length() - 4), Long.parseLong(Files.readString(file).trim()));
                }
                catch (NumberFormatException | IOException unreadable) {
                    // a pid file being rewritten: the component is left out of this sample
                }
            }
        }
        return components;
    }

    private List<Stat> processes() throws IOException {
        List<Stat> stats = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    stats.add(Stat.parse(Files.readString(entry.resolve("stat"))));
                }
                catch (IOException | RuntimeException gone) {
                    // the process ended while being read
                }
            }
        }
        return stats;
    }

    private long rssKiB(long pid) {
        try {
            return vmRssKiB(Files.readString(proc.resolve(Long.toString(pid)).resolve("status")));
        }
        catch (IOException gone) {
            return 0;
        }
    }

    /** The VmRSS line of a {@code /proc/<pid>/status} text, in KiB; 0 when there is none (a zombie). */
    static long vmRssKiB(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        }
        catch (IOException | NumberFormatException e) {
            return 100;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
