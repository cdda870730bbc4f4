package io.fillonce.bench.faults;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The suite's options, {@code --name=value} each; {@code ./fillonce faults --help} prints {@link #USAGE}. */
record FaultSettings(Path root, Path home, String gateway, String scenarios, int entities, int versions, int workers,
        int outageSeconds, boolean list, int brokers) {

    static final String USAGE = """
            usage: ./fillonce faults [--scenarios=all|name,name] [--entities=1000] [--versions=10] [--workers=12]
                                     [--outage-seconds=180] [--list]
              --scenarios       which scenarios (default all)
              --list            name the scenarios, those of the three-broker stack first
              --entities        entities per scenario; each gets --versions versions, one after the other
              --workers         submitting cadres (the gateway limits each cadre's rate)
              --outage-seconds  how long a department's webhook stays down in webhook-down
            """;

    private static final Set<String> KNOWN = Set.of("--root", "--home", "--gateway", "--scenarios", "--entities",
            "--versions", "--workers", "--outage-seconds", "--list", "--brokers");

    static FaultSettings parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (!KNOWN.contains(pair[0])) {
                throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
            given.put(pair[0], pair.length == 2 ? pair[1] : "true");
        }
        return new FaultSettings(FaultSuite.path(required(given, "--root")), FaultSuite.path(required(given, "--home")),
                given.getOrDefault("--gateway", "http://127.0.0.1:8080"), given.getOrDefault("--scenarios", "all"),
                positive(given, "--entities", 1000), positive(given, "--versions", 10),
                positive(given, "--workers", 12), positive(given, "--outage-seconds", 180),
                given.containsKey("--list"), positive(given, "--brokers", 1));
    }

    private static String required(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required\n" + USAGE);
        }
        return value;
    }

    private static int positive(Map<String, String> given, String name, int fallback) {
        String value = given.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.replace("_", ""));
            if (number > 0) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, not " + value);
    }
}
