package io.fillonce.sync;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The settings of sync's own readers of the topics the fan-out writes in transactions (department topics, the
 * audit topic): Boot's consumer settings and connection, committed messages only, offsets committed by the reader
 * itself when its work is done.
 */
@Component
public class CommittedReaders {

    private final KafkaProperties kafka;
    private final KafkaConnectionDetails connection;

    CommittedReaders(KafkaProperties kafka, KafkaConnectionDetails connection) {
        this.kafka = kafka;
        this.connection = connection;
    }

    /** A fresh, changeable copy of the settings. */
    public Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getConsumer().getBootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }
}
