package io.fillonce.bench.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StackProcessesTests {

    @TempDir
    Path folder;

    @Test
    void readsGroupAndCpuTicksEvenWhenTheCommandNameHasSpacesAndParentheses() {
        StackProcesses.Stat stat = StackProcesses.Stat.parse(stat(4242, "java (main) x", 4200, 1500, 250));

        assertThat(stat).isEqualTo(new StackProcesses.Stat(4242, 4200, 1500, 250));
    }

    @Test
    void readsResidentMemoryInKib() {
        assertThat(StackProcesses.vmRssKiB("Name:\tjava\nVmPeak:\t 9 kB\nVmRSS:\t  524288 kB\nThreads:\t40\n"))
                .isEqualTo(524_288);
        assertThat(StackProcesses.vmRssKiB("Name:\tzombie\nState:\tZ\n")).isZero();
    }

    @Test
    void aComponentIsEveryProcessOfItsGroup() throws IOException {
        Path run = Files.createDirectories(folder.resolve("run"));
        Path proc = Files.createDirectories(folder.resolve("proc"));
        Files.writeString(run.resolve("kafka.pid"), "100\n");
        Files.writeString(run.resolve("gateway.pid"), "200\n");
        process(proc, 100, 100, 1000, 100, 400_000);
        process(proc, 101, 100, 50, 50, 1_000);
        process(proc, 200, 200, 300, 0, 300_000);
        process(proc, 300, 300, 9999, 9999, 999_999);

        StackProcesses processes = new StackProcesses(run, proc, 100);
        StackProcesses.Sample sample = processes.sample();

        assertThat(sample.rssKiB()).containsEntry("kafka", 401_000L).containsEntry("gateway", 300_000L).hasSize(2);
        assertThat(sample.cpuTicks()).containsEntry("kafka", 1200L).containsEntry("gateway", 300L);
        assertThat(sample.totalRssKiB()).isEqualTo(701_000);
        assertThat(processes.seconds(sample.totalCpuTicks())).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void cpuSecondsAreTheDifferenceBetweenTwoSamples() {
        StackProcesses processes = new StackProcesses(folder, folder, 100);
        StackProcesses.Sample before = new StackProcesses.Sample(java.util.Map.of(), java.util.Map.of("a", 100L,
                "b", 50L));
        StackProcesses.Sample after = new StackProcesses.Sample(java.util.Map.of(), java.util.Map.of("a", 350L,
                "b", 100L));

        assertThat(processes.cpuSeconds(before, after)).isCloseTo(3.0, within(1e-9));
        assertThat(processes.cpuSecondsByComponent(before, after)).containsExactly(
                java.util.Map.entry("a", 2.5), java.util.Map.entry("b", 0.5));
    }

    private static void process(Path proc, long pid, long group, long user, long system, long rssKiB)
            throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), stat(pid, "java", group, user, system));
        Files.writeString(dir.resolve("status"), "Name:\tjava\nVmRSS:\t" + rssKiB + " kB\n");
    }

    private static String stat(long pid, String command, long group, long user, long system) {
        return pid + " (" + command + ") S 1 " + group + " " + group + " 0 -1 4194304 100 0 0 0 " + user + " "
                + system + " 0 0 20 0 40 0 133212 3133440 418 18446744073709551615\n";
    }
}
