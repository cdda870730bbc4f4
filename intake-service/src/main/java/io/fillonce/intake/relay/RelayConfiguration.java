package io.fillonce.intake.relay;

import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.fillonce.intake.TopicProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/** The CloudEvents producer (binary mode, acks=all, idempotent) and the topic it writes to. */
@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

    /** Room for the largest accepted record (fillonce.intake.max-record-bytes, 1 MiB) plus the event envelope. */
    static final int MAX_EVENT_BYTES = 2 * 1024 * 1024;

    @Bean
    ProducerFactory<String, CloudEvent> cloudEventProducerFactory(KafkaProperties kafka,
            KafkaConnectionDetails connection) {
        Map<String, Object> props = kafka.buildProducerProperties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        props.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY.name());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_EVENT_BYTES);
        return new DefaultKafkaProducerFactory<>(props);
    }

    @Bean
    KafkaTemplate<String, CloudEvent> cloudEventTemplate(ProducerFactory<String, CloudEvent> producers) {
        return new KafkaTemplate<>(producers);
    }

    @Bean
    NewTopic recordsTopic(TopicProperties topics) {
        return TopicBuilder.name(RecordEventPublisher.TOPIC)
                .partitions(topics.partitions())
                .replicas(topics.replication())
                .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_EVENT_BYTES))
                .config(TopicConfig.RETENTION_MS_CONFIG, topics.retentionMs())
                .build();
    }
}
