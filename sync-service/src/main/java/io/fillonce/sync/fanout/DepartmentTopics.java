package io.fillonce.sync.fanout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fillonce.sync.TopicSettings;
import io.fillonce.sync.Topics;
import io.fillonce.sync.registry.DepartmentAppeared;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Creates {@code fillonce.dept.<code>} when a department appears in the registry, and in any case before the
 * first message to it. An existing topic is left exactly as it is (more partitions would reorder an entity).
 * Its messages may be as large as the records they are mapped from.
 */
@Component
class DepartmentTopics implements DisposableBean {

    /** As fillonce.records: the largest accepted record plus its envelope. */
    static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(DepartmentTopics.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final TopicSettings settings;
    private final Set<String> existing = ConcurrentHashMap.newKeySet();

    DepartmentTopics(KafkaAdmin kafkaAdmin, TopicSettings settings) {
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        this.settings = settings;
    }

    @EventListener
    void onDepartmentAppeared(DepartmentAppeared department) {
        try {
            ensure(department.code());
        }
        catch (IllegalStateException e) {
            log.warn("{}; will try again before the first message to it", e.getMessage());
        }
    }

    /** The department's topic, created if it does not exist yet. */
    String ensure(String department) {
        String topic = Topics.department(department);
        if (existing.contains(topic)) {
            return topic;
        }
        try {
            admin.createTopics(List.of(new NewTopic(topic, settings.partitions(), settings.replication())
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_MESSAGE_BYTES),
                            TopicConfig.RETENTION_MS_CONFIG, settings.retentionMs()))))
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Created topic {} ({} partitions)", topic, settings.partitions());
        }
        catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic + ": " + e.getCause(), e);
            }
        }
        catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + topic, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + topic, e);
        }
        existing.add(topic);
        return topic;
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(5));
    }
}
