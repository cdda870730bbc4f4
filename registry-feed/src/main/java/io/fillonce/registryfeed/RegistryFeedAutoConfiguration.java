package io.fillonce.registryfeed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

import io.fillonce.contracts.trust.RegistryGate;
import io.fillonce.telemetry.ViewAge;

/**
 * The registry feed of a service that holds a view of the registry (a {@link RegistryEntryHandler} bean): one
 * consumer container on the registry topic with a throw-away group per instance that reads everything from the
 * beginning, never creates the topic (registry-service owns it and its compaction) and commits nothing; the
 * {@code registryView} health contributor; the gauge {@value ViewAge#GAUGE}. Connection settings are Boot's.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnBean(RegistryEntryHandler.class)
@EnableConfigurationProperties(RegistryFeedSettings.class)
public class RegistryFeedAutoConfiguration {

    @Bean
    RegistryPosition registryPosition(KafkaAdmin kafkaAdmin) {
        return new RegistryPosition(kafkaAdmin.getConfigurationProperties());
    }

    @Bean
    RegistryFollower registryFollower(List<RegistryEntryHandler> handlers, RegistryPosition position,
            ApplicationEventPublisher events, @Value("${fillonce.registry.verify-key:}") String verifyKey) {
        return new RegistryFollower(handlers, RegistryGate.forVerifyKey(verifyKey), position, events,
                new ViewAge(System::nanoTime));
    }

    @Bean(RegistryFollower.CONTAINER)
    KafkaMessageListenerContainer<String, String> registryFeedContainer(ConsumerFactory<?, ?> boot,
            RegistryFeedSettings settings, RegistryFollower follower) {
        Map<String, Object> config = new HashMap<>(boot.getConfigurationProperties());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // a topic created after start-up, or given more partitions, is noticed within seconds
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        var consumers = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new StringDeserializer());

        ContainerProperties container = new ContainerProperties(RegistryTopic.NAME);
        container.setGroupId(settings.groupPrefix() + UUID.randomUUID());
        container.setMessageListener(follower);
        // manual acknowledgement that never happens: the group is thrown away, nothing is committed
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setIdleEventInterval(settings.idleCheck().toMillis());
        return new KafkaMessageListenerContainer<>(consumers, container);
    }

    @Bean
    HealthIndicator registryViewHealthIndicator(RegistryPosition position, List<RegistryEntryHandler> handlers) {
        return new RegistryViewHealthIndicator(position, handlers);
    }

    @Bean
    MeterBinder registryViewAge(RegistryFollower follower) {
        return meters -> Gauge.builder(ViewAge.GAUGE, follower.age(), ViewAge::seconds)
                .description("Seconds since this instance's registry view was last seen caught up with "
                        + RegistryTopic.NAME)
                .baseUnit("seconds")
                .register(meters);
    }
}
