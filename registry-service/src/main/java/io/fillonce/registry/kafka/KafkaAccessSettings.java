package io.fillonce.registry.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fillonce.kafka.access.managed}: the broker requires SASL/SCRAM and ACLs, and registry-service (one of its super
 * users) grants the services' ACLs and issues each department's credentials; off for a broker that is open (the
 * tests' embedded one). {@code department-bootstrap-servers}: the address departments are told to connect to (default:
 * the one the registry uses); {@code department-security-protocol}: SASL_PLAINTEXT on a private network, SASL_SSL
 * where the broker is exposed beyond it.
 */
@ConfigurationProperties("fillonce.kafka.access")
record KafkaAccessSettings(@DefaultValue("false") boolean managed, String departmentBootstrapServers,
        @DefaultValue("SASL_PLAINTEXT") String departmentSecurityProtocol) {
}
