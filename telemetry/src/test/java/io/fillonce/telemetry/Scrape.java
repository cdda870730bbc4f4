package io.fillonce.telemetry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a Prometheus endpoint (text exposition format): samples by metric name and labels. */
public final class Scrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: \\d+)?$");

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Sample> samples;

    private Scrape(List<Sample> samples) {
        this.samples = samples;
    }

    public static Scrape of(String exposition) {
        return new Scrape(exposition.lines().map(SAMPLE::matcher).filter(Matcher::matches)
                .map(sample -> new Sample(sample.group(1), labels(sample.group(2)),
                        Double.parseDouble(sample.group(3))))
                .toList());
    }

    /** Whether any sample has this name and these labels (name, value pairs) among its own. */
    public boolean has(String name, String... labels) {
        return samples.stream().anyMatch(sample -> sample.matches(name, labels));
    }

    /** The sum of the samples with this name and these labels (name, value pairs) among their own; 0 if none. */
    public double value(String name, String... labels) {
        return samples.stream().filter(sample -> sample.matches(name, labels)).mapToDouble(Sample::value).sum();
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }

    private record Sample(String name, Map<String, String> labels, double value) {

        boolean matches(String wanted, String... pairs) {
            if (!name.equals(wanted)) {
                return false;
            }
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                    return false;
                }
            }
            return true;
        }
    }
}
