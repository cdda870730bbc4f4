package io.fillonce.registry.publishing;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import io.fillonce.registryfeed.RegistryTopic;

/** Declares the compacted topic that carries the latest registry state. */
@Configuration(proxyBeanMethods = false)
class RegistryTopicConfiguration {

    @Bean
    NewTopic fillonceRegistryTopic(TopicSettings settings) {
        return TopicBuilder.name(RegistryTopic.NAME)
                .partitions(settings.partitions())
                .replicas(settings.replication())
                .compact()
                .build();
    }
}
