package io.fillonce.registry.department;

import java.time.Instant;

import io.fillonce.registry.kafka.DepartmentKafkaCredentials;

/**
 * Answer to creating a department: the only time its API key, webhook secret and Kafka credentials are shown.
 * {@code kafka} is null where the registry does not manage the broker's access, or when the broker did not take the
 * credentials in time (POST .../kafka-credentials/rotate issues them then).
 */
record DepartmentCreated(String code, String name, WebhookView webhook, Instant updatedAt, String principal,
        String apiKey, DepartmentKafkaCredentials kafka) {
}
