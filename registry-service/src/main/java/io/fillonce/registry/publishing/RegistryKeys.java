package io.fillonce.registry.publishing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.contracts.trust.SealedSecrets;

/**
 * The two keys that make fillonce.registry trustworthy (docs/conventions.md): the Ed25519 private key every entry is
 * signed with ({@code FILLONCE_REGISTRY_SIGNING_KEY}, held by this service only) and the key webhook secrets are
 * sealed with for sync-service ({@code FILLONCE_WEBHOOK_SEALING_KEY}). Without either the service does not start.
 */
@Configuration(proxyBeanMethods = false)
class RegistryKeys {

    @Bean
    RegistrySignature.Signer registrySigner(@Value("${fillonce.registry.signing-key:}") String key) {
        return RegistrySignature.signer(key, "fillonce.registry.signing-key (FILLONCE_REGISTRY_SIGNING_KEY)");
    }

    @Bean
    SealedSecrets webhookSealing(@Value("${fillonce.registry.webhook-sealing-key:}") String key) {
        return SealedSecrets.withKey(key, "fillonce.registry.webhook-sealing-key (FILLONCE_WEBHOOK_SEALING_KEY)");
    }
}
