package io.fillonce.registry.kafka;

/**
 * How a department's own Kafka consumers connect (answered once, when issued): SCRAM-SHA-512 as {@code username},
 * reading {@code topic} only, committing offsets in consumer groups whose names start with {@code groupPrefix}.
 */
public record DepartmentKafkaCredentials(String bootstrapServers, String securityProtocol, String saslMechanism,
        String username, String password, String topic, String groupPrefix) {
}
