package io.fillonce.registry.principal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code fillonce.bootstrap.admin-key} (env FILLONCE_BOOTSTRAP_ADMIN_KEY): the first administrator's API key. */
@ConfigurationProperties("fillonce.bootstrap")
record BootstrapSettings(String adminKey) {
}
