package io.fillonce.gateway.principal;

import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/**
 * The registry topic consumer: a throw-away group per instance that reads everything from the beginning, never
 * creates the topic (registry-service owns it and its compaction), and commits nothing worth keeping.
 */
@Configuration(proxyBeanMethods = false)
class RegistryViewConfiguration {

    @Bean(RegistryFeed.CONTAINER_ID)
    KafkaMessageListenerContainer<String, String> registryViewContainer(KafkaProperties kafka,
            RegistryViewSettings settings, RegistryFeed feed) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        var consumers = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new StringDeserializer());

        ContainerProperties container = new ContainerProperties(settings.topic());
        container.setGroupId(settings.groupPrefix() + UUID.randomUUID());
        container.setMessageListener(feed);
        container.setIdleEventInterval(settings.idleCheck().toMillis());
        return new KafkaMessageListenerContainer<>(consumers, container);
    }
}
