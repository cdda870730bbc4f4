package io.fillonce.bench.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bench's files under {@code .fillonce/bench/}: {@code latest.json} (the last run), the runs before it kept as
 * {@code <their start time>.json} so that before and after can be compared, and {@code stored.count}, how many
 * entities bench runs have stored in this data folder (so a run can say its "empty" store was not).
 */
final class ResultFiles {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path folder;

    ResultFiles(Path folder) {
        this.folder = folder;
    }

    /** Writes {@code latest.json}, first moving the previous one aside under its own start time; the path written. */
    Path write(Results results) throws IOException {
        Files.createDirectories(folder);
        Path latest = folder.resolve("latest.json");
        if (Files.isRegularFile(latest)) {
            Files.move(latest, folder.resolve(datedName(latest)), StandardCopyOption.REPLACE_EXISTING);
        }
        Path partial = folder.resolve("latest.json.part");
        JSON.writeValue(partial.toFile(), results);
        Files.move(partial, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return latest;
    }

    /** The name a previous latest.json is kept under: its run's start time, else the file's modification time. */
    static String datedName(Path previous) throws IOException {
        Instant when;
        try {
            JsonNode started = JSON.readTree(previous.toFile()).path("started");
            when = Instant.parse(started.asString());
        }
        catch (RuntimeException unreadable) {
            when = Files.getLastModifiedTime(previous).toInstant();
        }
        return FILE_TIME.format(when) + ".json";
    }

    long storedBefore() throws IOException {
        Path count = folder.resolve("stored.count");
        return Files.isRegularFile(count) ? Long.parseLong(Files.readString(count).trim()) : 0;
    }

    void addStored(long entities) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("stored.count"), Long.toString(storedBefore() + entities) + "\n");
    }
}
