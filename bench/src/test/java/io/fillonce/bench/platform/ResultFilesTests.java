package io.fillonce.bench.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ResultFilesTests {

    @TempDir
    Path folder;

    @Test
    void thePreviousLatestIsKeptUnderItsStartTime() throws IOException {
        Files.writeString(folder.resolve("latest.json"), "{\"run\":\"r0\",\"started\":\"2026-12-03T09:15:00Z\"}");

        Path written = new ResultFiles(folder).write(results("r1"));

        assertThat(Files.readString(written)).contains("\"run\" : \"r1\"").contains("\"bulk_fanout_over_t_k\"");
        assertThat(Files.readString(folder.resolve("2026-12-03T09-15-00Z.json"))).contains("r0");
    }

    @Test
    void aPreviousLatestThatCannotBeReadIsKeptUnderItsModificationTime() throws IOException {
        Path previous = Files.writeString(folder.resolve("latest.json"), "not json");
        Files.setLastModifiedTime(previous, java.nio.file.attribute.FileTime.from(
                java.time.Instant.parse("2026-01-02T03:04:05Z")));

        assertThat(ResultFiles.datedName(previous)).isEqualTo("2026-01-02T03-04-05Z.json");
    }

    @Test
    void countsTheEntitiesBenchRunsStored() throws IOException {
        ResultFiles files = new ResultFiles(folder);
        assertThat(files.storedBefore()).isZero();

        files.addStored(1500);
        files.addStored(100_000);

        assertThat(files.storedBefore()).isEqualTo(101_500);
    }

    private static Results results(String run) {
        Ratios ratios = Ratios.of(null, null, List.of(), null, null);
        return new Results(run, "2026-12-03T10:00:00Z", "2026-12-03T10:30:00Z", new Results.Machine(2, "0.1 0.2 0.3",
                "1.0 1.1 1.2", 0.05, 12.5), BenchSettings.parse(), new BenchSettings.UpTime("running", null, null), 0, null,
                null, List.of(), null, null, null, null, null, null, java.util.Map.of(), ratios, List.of());
    }
}
