package io.fillonce.gateway.principal;

import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Feeds registry topic messages into the principal view and tells {@link CatchUp} how far it has read. */
@Component
class RegistryFeed implements BatchConsumerAwareMessageListener<String, String> {

    static final String CONTAINER_ID = "registryViewContainer";
    private static final Logger log = LoggerFactory.getLogger(RegistryFeed.class);

    private final RegistryEntries entries;
    private final CatchUp catchUp;
    private final JsonMapper json;

    RegistryFeed(RegistryEntries entries, CatchUp catchUp, JsonMapper json) {
        this.entries = entries;
        this.catchUp = catchUp;
        this.json = json;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, String>> records, Consumer<?, ?> consumer) {
        records.forEach(this::apply);
        catchUp.check(consumer);
    }

    /** An empty topic, or one whose tail holds no records, only shows up as an idle consumer. */
    @EventListener(condition = "event.listenerId == '" + CONTAINER_ID + "'")
    void onIdle(ListenerContainerIdleEvent event) {
        if (event.getConsumer() != null) {
            catchUp.check(event.getConsumer());
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
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
