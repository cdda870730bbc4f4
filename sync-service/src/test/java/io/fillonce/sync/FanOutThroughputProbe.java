package io.fillonce.sync;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.fillonce.sync.RegistryEntries.Entry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

class FanOutThroughputProbe {

    @Test
    void probe() throws Exception {
        int n = Integer.getInteger("n", 20000);
        int f = Integer.getInteger("f", 9);
        var broker = CrashIntegrationTests.transactional(new EmbeddedKafkaKraftBroker(1, 3, Topics.REGISTRY, Topics.RECORDS));
        broker.afterPropertiesSet();
        MongoServer mongo = new MongoServer(new MemoryBackend());
        String uri = mongo.bindAndGetConnectionString();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(), ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
            for (int d = 0; d < f; d++) {
                for (Entry e : List.of(RegistryEntries.department("d" + d), RegistryEntries.subscription("sub-d" + d, "d" + d,
                        "resident", "{\"xm\": {\"from\": \"/name\"}, \"dz\": {\"from\": \"/address/line\"}}", "null", "[\"topic\"]"))) {
                    producer.send(new ProducerRecord<>(Topics.REGISTRY, e.key(), e.value().getBytes(StandardCharsets.UTF_8))).get();
                }
            }
            String pad = "x".repeat(900);
            for (int i = 0; i < n; i++) {
                var r = RecordEvents.resident("3706021990" + String.format("%08d", i), 1, "370602");
                producer.send(r);
            }
            producer.flush();
        }
        Path log = Files.createTempFile("probe", ".log");
        long t0 = System.nanoTime();
        SyncProcess sync = new SyncProcess(log, "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.mongodb.uri=" + uri);
        sync.awaitReady();
        long ready = System.nanoTime();
        long count = 0;
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(), ConsumerConfig.GROUP_ID_CONFIG, "p-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<String> topics = new ArrayList<>();
            for (int d = 0; d < f; d++) {
                topics.add(Topics.department("d" + d));
            }
            consumer.subscribe(java.util.regex.Pattern.compile("fillonce\\.dept\\..*"));
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            long firstAt = 0;
            while (count < (long) n * f && System.nanoTime() < deadline) {
                int got = consumer.poll(Duration.ofMillis(200)).count();
                if (got > 0 && firstAt == 0) {
                    firstAt = System.nanoTime();
                }
                count += got;
            }
            long end = System.nanoTime();
            System.out.printf("PROBE n=%d f=%d: ready after %.1f s; all %d messages %.1f s after ready (%.1f s after the first): %.0f records/s, %.0f msgs/s%n",
                    n, f, (ready - t0) / 1e9, count, (end - ready) / 1e9, (end - firstAt) / 1e9, n / ((end - firstAt) / 1e9),
                    count / ((end - firstAt) / 1e9));
        }
        sync.stop();
        broker.destroy();
        mongo.shutdownNow();
    }
}
