package io.fillonce.intake;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Puts the contract's {@code resident} record-type entry on {@code fillonce.registry} while the application context
 * is being built, i.e. before the registry view starts and notes the topic's end offsets: the service may only
 * report ready once it has read this entry.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RegistrySeed {

    @Bean
    Seeded registrySeeded(KafkaConnectionDetails kafka) throws ExecutionException, InterruptedException {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getProducer().getBootstrapServers()),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (Producer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(Residents.registryMessage()).get();
        }
        return new Seeded(Residents.registryMessage().key());
    }

    /** Marks that the registry entry with this key is on the topic. */
    public record Seeded(String key) {
    }
}
