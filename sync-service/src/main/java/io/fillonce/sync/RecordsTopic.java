package io.fillonce.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * What sync needs to know about fillonce.records, which intake creates: whether it exists yet, and its number of
 * partitions (one stream task of the fan-out each; it never changes, since more partitions would reorder an
 * entity's versions).
 */
@Component
public class RecordsTopic implements DisposableBean {

    private final Admin admin;
    private volatile int partitions;

    RecordsTopic(KafkaAdmin kafkaAdmin) {
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    /** The number of partitions, 0 while the topic does not exist. */
    public int partitions() {
        if (partitions == 0) {
            try {
                partitions = admin.describeTopics(List.of(Topics.RECORDS)).allTopicNames().get(10, TimeUnit.SECONDS)
                        .get(Topics.RECORDS).partitions().size();
            }
            catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("could not describe " + Topics.RECORDS + ": " + e.getCause(), e);
                }
            }
            catch (TimeoutException e) {
                throw new IllegalStateException("timed out describing " + Topics.RECORDS, e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return partitions;
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(5));
    }
}
