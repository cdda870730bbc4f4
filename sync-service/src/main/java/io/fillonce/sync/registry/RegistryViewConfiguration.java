package io.fillonce.sync.registry;

import java.time.Duration;

import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.contracts.trust.SealedSecrets;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

/**
 * The registry consumer: plain JSON text, one thread, idle events to notice it has caught up, and no offset
 * commits (manual acknowledgement that never happens: the group is thrown away). Connection settings come from
 * Boot's consumer factory.
 */
@Configuration(proxyBeanMethods = false)
class RegistryViewConfiguration {

    static final Duration IDLE_CHECK = Duration.ofMillis(500);

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> registryViewContainerFactory(ConsumerFactory<?, ?> boot) {
        var consumers = new DefaultKafkaConsumerFactory<>(boot.getConfigurationProperties(),
                new StringDeserializer(), new StringDeserializer());
        var factory = new ConcurrentKafkaListenerContainerFactory<String, String>();
        factory.setConsumerFactory(consumers);
        factory.setConcurrency(1);
        factory.getContainerProperties().setAckMode(AckMode.MANUAL);
        factory.getContainerProperties().setIdleEventInterval(IDLE_CHECK.toMillis());
        return factory;
    }

    /** Opens the webhook secrets registry-service sealed for this service (docs/conventions.md "Webhook secrets"). */
    @Bean
    SealedSecrets webhookSecrets(@Value("${fillonce.registry.webhook-sealing-key:}") String key) {
        return SealedSecrets.withKey(key, "fillonce.registry.webhook-sealing-key (FILLONCE_WEBHOOK_SEALING_KEY)");
    }

    /** Tells registry-service's entries from forged ones (docs/conventions.md "Registry entries are signed"). */
    @Bean
    RegistrySignature.Verifier registrySignatures(@Value("${fillonce.registry.verify-key:}") String key) {
        return RegistrySignature.verifier(key, "fillonce.registry.verify-key (FILLONCE_REGISTRY_VERIFY_KEY)");
    }
}
