package io.fillonce.sync.kit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the onboarding kit tells a department about connecting. {@code departmentBootstrapServers} and
 * {@code departmentSecurityProtocol}: the Kafka address and protocol departments must use, the same settings
 * registry-service puts in their credentials ({@code FILLONCE_KAFKA_DEPARTMENT_BOOTSTRAP_SERVERS}, else the broker
 * this service uses; {@code FILLONCE_KAFKA_DEPARTMENT_SECURITY_PROTOCOL}). {@code publicUrl}: the gateway as
 * departments reach it, for their feed URL ({@code FILLONCE_PUBLIC_URL}).
 */
@ConfigurationProperties("fillonce.sync.kit")
record KitSettings(String departmentBootstrapServers, String departmentSecurityProtocol, String publicUrl) {

    KitSettings {
        if (departmentBootstrapServers == null || departmentBootstrapServers.isBlank()) {
            throw new IllegalArgumentException("fillonce.sync.kit.department-bootstrap-servers must be set");
        }
        departmentSecurityProtocol = departmentSecurityProtocol == null || departmentSecurityProtocol.isBlank()
                ? "SASL_PLAINTEXT" : departmentSecurityProtocol;
        publicUrl = publicUrl == null || publicUrl.isBlank() ? "http://127.0.0.1:8080"
                : publicUrl.replaceAll("/+$", "");
    }
}
