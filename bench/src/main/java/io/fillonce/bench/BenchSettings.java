package io.fillonce.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run of the relay bench does, from {@code --name=value} arguments.
 *
 * @param entities entities loaded into intake's outbox
 * @param versions versions per entity (one bulk upload each), so {@code entities * versions} events
 * @param partitions partitions of {@code fillonce.records} and of the ceiling's topic
 * @param intakeJar the intake-service Boot jar the bench starts
 * @param intakeJavaOptions JVM options of that intake process
 * @param intakeArguments further {@code --property=value} arguments for intake (e.g. relay settings)
 */
record BenchSettings(int entities, int versions, int partitions, Path intakeJar, List<String> intakeJavaOptions,
        List<String> intakeArguments) {

    static final String USAGE = "usage: bench/run [--entities=10000] [--versions=2] [--partitions=3] "
            + "[--intake-jar=intake-service/target/intake-service-<version>.jar] "
            + "[--intake-java-opts=\"-Xmx384m -XX:+UseSerialGC\"] [--intake.<any intake property>=value ...]";

    int events() {
        return entities * versions;
    }

    static BenchSettings parse(String... arguments) {
        int entities = 10_000;
        int versions = 2;
        int partitions = 3;
        Path jar = null;
        String javaOptions = "-Xmx384m -XX:+UseSerialGC";
        List<String> intake = new ArrayList<>();
        for (String argument : arguments) {
            String[] pair = argument.split("=", 2);
            if (pair.length != 2 || !pair[0].startsWith("--")) {
                throw new IllegalArgumentException("not --name=value: " + argument + "\n" + USAGE);
            }
            switch (pair[0]) {
                case "--entities" -> entities = positive(pair);
                case "--versions" -> versions = positive(pair);
                case "--partitions" -> partitions = positive(pair);
                case "--intake-jar" -> jar = Path.of(pair[1]);
                case "--intake-java-opts" -> javaOptions = pair[1];
                default -> intake.add(intakeArgument(argument));
            }
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no intake-service jar at " + jar + "\n" + USAGE);
        }
        return new BenchSettings(entities, versions, partitions, jar, List.of(javaOptions.trim().split("\\s+")),
                intake);
    }

    private static String intakeArgument(String argument) {
        if (!argument.startsWith("--intake.")) {
            throw new IllegalArgumentException("unknown option " + argument + "\n" + USAGE);
        }
        return "--" + argument.substring("--intake.".length());
    }

    private static int positive(String[] pair) {
        try {
            int value = Integer.parseInt(pair[1]);
            if (value > 0) {
                return value;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(pair[0] + " must be a positive whole number, not " + pair[1]);
    }
}
