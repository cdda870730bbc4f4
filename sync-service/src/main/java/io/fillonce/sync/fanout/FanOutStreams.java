package io.fillonce.sync.fanout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import io.fillonce.registryfeed.RegistryPosition;
import io.fillonce.sync.TopicSettings;
import io.fillonce.sync.Topics;
import io.fillonce.sync.backfill.BackfillSettings;
import io.fillonce.sync.backfill.Backfills;
import io.fillonce.sync.backfill.JobCursor;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.state.EntityRecordSerde;
import io.fillonce.telemetry.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The fan-out as a Kafka Streams application (spring-kafka's {@link StreamsBuilderFactoryBean}): fillonce.records
 * in, {@link FanOutProcessor} with its state stores (entities, job cursors, entity counts per type; each backed by
 * a compacted changelog topic), department messages, audit events and the dead letters of unreadable records out,
 * all exactly-once v2. It starts once the registry view has caught up ({@link FanOutStarter}).
 */
@Configuration(proxyBeanMethods = false)
class FanOutStreams {

    static final String APPLICATION_ID = "fillonce-sync-fanout";
    private static final Logger log = LoggerFactory.getLogger(FanOutStreams.class);

    @Bean
    StreamsBuilderFactoryBean fanOut(KafkaProperties kafka, KafkaConnectionDetails connection, FanOutSettings settings,
            TopicSettings topics) {
        Map<String, Object> config = new HashMap<>(kafka.buildStreamsProperties());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getStreams().getBootstrapServers());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(settings));
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        // the stream thread waits at most this long for input: a backfill walked between polls keeps its pace
        config.put(StreamsConfig.POLL_MS_CONFIG, 20L);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replication());
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        config.put(BoundedRocksDbMemory.MEMORY, settings.storeMemory().toBytes());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                DepartmentTopics.MAX_MESSAGE_BYTES + 64 * 1024);
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(config));
        factory.setAutoStartup(false);
        factory.setStreamsUncaughtExceptionHandler(failure -> {
            log.error("A fan-out stream thread failed; it is replaced and resumes from its last commit", failure);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        return factory;
    }

    /**
     * fillonce.records is read as bytes and each message is read as a CloudEvent in {@link FanOutProcessor}, so a
     * message that is none takes the same path as any other unreadable one: to fillonce.records.dead, keyed and
     * valued with its own bytes, in the transaction that commits its offset.
     */
    @Bean
    KStream<byte[], byte[]> fanOutTopology(StreamsBuilder builder, JsonMapper json, RecordEventReader reader,
            RegistryView registry, RegistryPosition position, Sharing sharing, Backfills backfills,
            BackfillSettings backfill, Traces traces, MeterRegistry meters) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FanOutProcessor.ENTITIES),
                Serdes.String(), new EntityRecordSerde(json)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FanOutProcessor.JOB_CURSORS),
                Serdes.String(), jsonSerde(json, JobCursor.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FanOutProcessor.TYPE_COUNTS),
                Serdes.String(), Serdes.Long()));
        KStream<byte[], byte[]> records = builder.stream(Topics.RECORDS,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()));
        records.process(() -> new FanOutProcessor(reader, registry, position, sharing, backfills, backfill, traces,
                meters),
                        FanOutProcessor.ENTITIES, FanOutProcessor.JOB_CURSORS, FanOutProcessor.TYPE_COUNTS)
                .split()
                .branch((key, message) -> message instanceof Outgoing.ToDeadLetters,
                        Branched.withConsumer(deadLetters -> deadLetters
                                .map((key, message) -> deadLetter((Outgoing.ToDeadLetters) message))
                                .to(Topics.RECORDS_DEAD, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()))))
                .defaultBranch(Branched.withConsumer(messages -> messages.to((key, message, context) ->
                        message.topic(), Produced.with(Serdes.String(), new OutgoingSerde(json)))));
        return records;
    }

    /**
     * The fillonce.records messages the fan-out could not read, exactly as they came: as many partitions as sync's
     * other topics, kept {@code fillonce.topics.dead-letter-retention}, as large as a fillonce.records message and
     * the headers saying why.
     */
    @Bean
    NewTopic recordsDeadTopic(TopicSettings topics) {
        return TopicBuilder.name(Topics.RECORDS_DEAD).partitions(topics.partitions()).replicas(topics.replication())
                .config(TopicConfig.RETENTION_MS_CONFIG, topics.deadLetterRetentionMs())
                .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        String.valueOf(DepartmentTopics.MAX_MESSAGE_BYTES + 64 * 1024))
                .build();
    }

    private static KeyValue<byte[], byte[]> deadLetter(Outgoing.ToDeadLetters message) {
        return KeyValue.pair(message.key(), message.value());
    }

    /** The audit topic the fan-out and the reads write to: one partition, so the chain follows one order. */
    @Bean
    NewTopic auditTopic(TopicSettings topics) {
        return TopicBuilder.name(Topics.AUDIT).partitions(1).replicas(topics.replication())
                .config(TopicConfig.RETENTION_MS_CONFIG, topics.retentionMs()).build();
    }

    private static <T> Serde<T> jsonSerde(JsonMapper json, Class<T> type) {
        return Serdes.serdeFrom((topic, value) -> value == null ? null : json.writeValueAsBytes(value),
                (topic, bytes) -> bytes == null ? null : json.readValue(bytes, type));
    }

    private static String stateDir(FanOutSettings settings) {
        if (!settings.stateDir().isBlank()) {
            return settings.stateDir();
        }
        try {
            return Files.createTempDirectory("fillonce-sync-streams").toString();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create a state folder for the fan-out", e);
        }
    }
}
