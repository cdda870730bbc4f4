package io.fillonce.bench.platform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --name=value} arguments, each read once with its default; {@code --quick} picks the second default. What
 * was given but never read is an unknown option.
 */
final class Options {

    private final Map<String, String> given;
    private final boolean quick;
    private final Set<String> used = new HashSet<>(Set.of("--quick"));

    Options(Map<String, String> given, boolean quick) {
        this.given = given;
        this.quick = quick;
    }

    String text(String name, String fallback) {
        used.add(name);
        return given.getOrDefault(name, fallback);
    }

    int whole(String name, int fallback, int quickFallback) {
        return number(name, fallback, quickFallback, 1);
    }

    /** A whole number that may be 0. */
    int count(String name, int fallback, int quickFallback) {
        return number(name, fallback, quickFallback, 0);
    }

    private int number(String name, int fallback, int quickFallback, int least) {
        String value = text(name, null);
        if (value == null) {
            return quick ? quickFallback : fallback;
        }
        try {
            int number = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (number >= least) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a " + (least > 0 ? "positive " : "")
                + "whole number, not " + value);
    }

    double decimal(String name, double fallback, double quickFallback) {
        Double value = decimalOrNull(name);
        return value == null ? (quick ? quickFallback : fallback) : value;
    }

    Double decimalOrNull(String name) {
        String value = text(name, null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double number = Double.parseDouble(value);
            if (number > 0 && Double.isFinite(number)) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive number, not " + value);
    }

    List<Integer> wholeNumbers(String name, String fallback) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : text(name, fallback).split(",")) {
            try {
                int number = Integer.parseInt(part.strip());
                if (number > 0 && !numbers.contains(number)) {
                    numbers.add(number);
                    continue;
                }
            }
            catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must list distinct positive whole numbers, e.g. "
                    + fallback + ", not " + given.get(name));
        }
        return numbers;
    }

    Set<String> stages(String name) {
        String value = text(name, "");
        Set<String> stages = new TreeSet<>();
        for (String part : value.split(",")) {
            String stage = part.strip().toLowerCase(Locale.ROOT);
            if (stage.isEmpty()) {
                continue;
            }
            if (!BenchSettings.STAGES.contains(stage)) {
                throw new IllegalArgumentException(name + ": unknown stage '" + stage + "'; stages are "
                        + new TreeSet<>(BenchSettings.STAGES));
            }
            stages.add(stage);
        }
        if (stages.contains("stored")) {
            stages.add("backfill");
        }
        return stages;
    }

    void rejectUnused() {
        for (String name : given.keySet()) {
            if (!used.contains(name) && !name.matches("--records-f[0-9]+")) {
                throw new IllegalArgumentException("unknown option " + name + "\n" + BenchSettings.USAGE);
            }
        }
    }

    static Options parse(String... arguments) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String argument : arguments) {
            if (argument.equals("--quick")) {
                given.put(argument, "true");
                continue;
            }
            String[] pair = argument.split("=", 2);
            if (pair.length != 2 || !pair[0].startsWith("--")) {
                throw new IllegalArgumentException("not --name=value: " + argument + "\n" + BenchSettings.USAGE);
            }
            given.put(pair[0], pair[1]);
        }
        return new Options(given, given.containsKey("--quick"));
    }

    boolean has(String name) {
        return given.containsKey(name);
    }
}
