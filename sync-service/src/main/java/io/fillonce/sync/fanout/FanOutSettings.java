package io.fillonce.sync.fanout;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the fan-out's Kafka Streams application runs. {@code stateDir}: where its state stores live on disk (empty:
 * a fresh temporary folder per start, restored from the changelog topics; the local stack keeps it under
 * {@code .fillonce/}); each instance needs its own. {@code threads}: stream threads (tasks are spread over them).
 * {@code commitInterval}: how often a transaction commits (department consumers reading committed messages see them
 * then). {@code advertisedHost}: where other sync instances reach this one's HTTP port for an entity whose state
 * lives here (prefill, receipts). {@code storeMemory}: off-heap memory of all its RocksDB stores together (block
 * cache, index and filter blocks, memtables).
 */
@ConfigurationProperties("fillonce.sync.fan-out")
public record FanOutSettings(@DefaultValue("") String stateDir, @DefaultValue("1") int threads,
        @DefaultValue("100ms") Duration commitInterval, @DefaultValue("127.0.0.1") String advertisedHost,
        @DefaultValue("64MB") DataSize storeMemory) {
}
