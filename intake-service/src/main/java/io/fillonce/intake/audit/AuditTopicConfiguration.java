package io.fillonce.intake.audit;

import io.fillonce.intake.TopicProperties;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the audit topic as sync-service does (one partition: one writer chains it in order), so a read at intake
 * can be audited even before sync-service ever started; whichever service comes first creates it.
 */
@Configuration(proxyBeanMethods = false)
class AuditTopicConfiguration {

    @Bean
    NewTopic auditTopic(TopicProperties topics,
            @Value("${fillonce.intake.audit-topic:fillonce.sync.audit}") String name) {
        return TopicBuilder.name(name).partitions(1).replicas(topics.replication()).build();
    }
}
