package io.fillonce.gateway.principal;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.fillonce.contracts.trust.RegistryGate;
import io.fillonce.contracts.trust.RegistrySignature;
import io.fillonce.telemetry.ViewAge;

/**
 * Feeds registry topic messages into the principal view and tells {@link CatchUp} how far it has read. A message
 * without registry-service's signature ({@link RegistrySignature}) is ignored and logged as an error: a forged
 * principal entry never gives anyone a key, nor revokes one. How long ago the view was last seen caught up with the
 * topic is the gauge {@code fillonce.registry.view.age} ({@link ViewAge}).
 */
@Component
class RegistryFeed implements BatchConsumerAwareMessageListener<String, String> {

    static final String CONTAINER_ID = "registryViewContainer";
    private static final Logger log = LoggerFactory.getLogger(RegistryFeed.class);

    private final RegistryEntries entries;
    private final CatchUp catchUp;
    private final JsonMapper json;
    private final RegistryGate gate;
    private final ViewAge age = new ViewAge(System::nanoTime);

    RegistryFeed(RegistryEntries entries, CatchUp catchUp, JsonMapper json, MeterRegistry meters,
            @Value("${fillonce.registry.verify-key:}") String verifyKey) {
        this.entries = entries;
        this.catchUp = catchUp;
        this.json = json;
        this.gate = RegistryGate.forVerifyKey(verifyKey);
        Gauge.builder(ViewAge.GAUGE, age, ViewAge::seconds)
                .description("Seconds since the principal view was last seen caught up with the registry topic")
                .baseUnit("seconds")
                .register(meters);
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, String>> records, Consumer<?, ?> consumer) {
        records.forEach(this::apply);
        catchUp.check(consumer);
        age.look(consumer);
    }

    /** An empty topic, or one whose tail holds no records, only shows up as an idle consumer. */
    @EventListener(condition = "event.listenerId == '" + CONTAINER_ID + "'")
    void onIdle(ListenerContainerIdleEvent event) {
        if (event.getConsumer() != null) {
            catchUp.check(event.getConsumer());
            age.look(event.getConsumer());
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        Header signature = record.headers().lastHeader(RegistrySignature.HEADER);
        String forged = gate.problemWith(record.key(), record.value(),
                signature == null ? null : signature.value());
        if (forged != null) {
            log.error("Ignoring registry entry {} at {}-{}@{}: {}; only registry-service writes fillonce.registry",
                    record.key(), record.topic(), record.partition(), record.offset(), forged);
            return;
        }
        try {
            JsonNode value = record.value() == null ? null : json.readTree(record.value());
            entries.apply(record.key(), value);
        }
        catch (JacksonException e) {
            log.warn("Registry entry {} at {}-{}@{} is not JSON; treating it as a deletion: {}", record.key(),
                    record.topic(), record.partition(), record.offset(), e.getOriginalMessage());
            entries.apply(record.key(), null);
        }
    }
}
