package io.fillonce.registryfeed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.contracts.trust.TestRegistryKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The feed against a real broker: the compacted topic read from its beginning at every start, then followed. */
class RegistryFeedIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<String, String> producer;

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, RegistryFeedAutoConfiguration.class))
            .withPropertyValues("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                    "fillonce.registry.verify-key=" + TestRegistryKeys.PUBLIC_KEY,
                    "fillonce.registry-view.group-prefix=fillonce-test-view-",
                    "fillonce.registry-view.idle-check=100ms");

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 2, RegistryTopic.NAME);
        broker.afterPropertiesSet();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new StringSerializer());
        publish(RegistryTopic.key(EntryKind.PRINCIPAL, "admin:a"), "{\"state\": {\"role\": \"ADMIN\"}}");
        publish(RegistryTopic.key(EntryKind.PRINCIPAL, "cadre:b"), "{\"state\": {\"role\": \"CADRE\"}}");
        publish(RegistryTopic.key(EntryKind.RECORD_TYPE, "resident"), "{\"state\": {\"name\": \"resident\"}}");
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.destroy();
    }

    @Test
    void isReadyOnceItReadWhatTheTopicHeldAtStartThenFollowsLaterEntries() {
        service.withBean(RecordingView.class, () -> new RecordingView(EntryKind.PRINCIPAL))
                .withBean(CaughtUpEvents.class).run(context -> {
                    RecordingView view = context.getBean(RecordingView.class);
                    HealthIndicator health = context.getBean("registryViewHealthIndicator", HealthIndicator.class);

                    await().atMost(PATIENCE).until(() -> health.health().getStatus().equals(Status.UP));
                    assertThat(view.keys()).startsWith("principal/admin:a", "principal/cadre:b")
                            .doesNotContain("record-type/resident");
                    assertThat(context.getBean(CaughtUpEvents.class).received).hasSize(1);

                    publish(RegistryTopic.key(EntryKind.PRINCIPAL, "cadre:b"), null);
                    publish(RegistryTopic.key(EntryKind.PRINCIPAL, "ops:c"), "{\"state\": {\"role\": \"OPS\"}}");
                    await().atMost(PATIENCE).until(() -> view.keys().contains("principal/ops:c"));
                    assertThat(view.keys()).contains("principal/cadre:b deleted");
                    assertThat(context.getBean(RegistryPosition.class).awaitCurrent(PATIENCE)).isTrue();
                    assertThat(context.getBean(CaughtUpEvents.class).received).hasSize(1);
                });
    }

    @Test
    void readsTheTopicFromItsBeginningAgainAtEveryStart() {
        for (int start = 0; start < 2; start++) {
            service.withBean(RecordingView.class, () -> new RecordingView(EntryKind.RECORD_TYPE)).run(context -> {
                RecordingView view = context.getBean(RecordingView.class);
                await().atMost(PATIENCE).until(() -> context.getBean(RegistryPosition.class).isCaughtUp());
                assertThat(view.keys()).contains("record-type/resident");
            });
        }
    }

    @Test
    void aServiceWithoutAViewDoesNotFollowTheTopic() {
        service.run((AssertableApplicationContext context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(KafkaMessageListenerContainer.class);
            assertThat(context).doesNotHaveBean(RegistryPosition.class);
        });
    }

    @Test
    void doesNotStartWithoutItsConsumerGroupPrefix() {
        service.withPropertyValues("fillonce.registry-view.group-prefix=")
                .withBean(RecordingView.class, () -> new RecordingView(EntryKind.PRINCIPAL))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("fillonce.registry-view.group-prefix is not set"));
    }

    private static void publish(String key, String value) throws Exception {
        ProducerRecord<String, String> message = new ProducerRecord<>(RegistryTopic.NAME, key, value);
        message.headers().add(RegistrySignature.HEADER, TestRegistryKeys.SIGNER.sign(key, value));
        producer.send(message).get();
    }

    static class CaughtUpEvents {

        final List<RegistryCaughtUp> received = new CopyOnWriteArrayList<>();

        @EventListener
        void on(RegistryCaughtUp event) {
            received.add(event);
        }
    }
}
