package io.fillonce.sync.registry;

import io.fillonce.contracts.trust.SealedSecrets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the view needs besides its entries: the key that opens the departments' webhook secrets. Following the
 * registry topic (signatures, catch-up, readiness) is the registry feed's (fillonce-registry-feed).
 */
@Configuration(proxyBeanMethods = false)
class RegistryViewConfiguration {

    /** Opens the webhook secrets registry-service sealed for this service (docs/conventions.md "Webhook secrets"). */
    @Bean
    SealedSecrets webhookSecrets(@Value("${fillonce.registry.webhook-sealing-key:}") String key) {
        return SealedSecrets.withKey(key, "fillonce.registry.webhook-sealing-key (FILLONCE_WEBHOOK_SEALING_KEY)");
    }
}
