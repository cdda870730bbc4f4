package io.fillonce.sync.fanout;

import io.cloudevents.CloudEvent;
import io.fillonce.sync.Topics;
import io.fillonce.sync.registry.RegistryCaughtUp;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.stereotype.Component;

/**
 * Consumes fillonce.records in the group "fillonce-sync". It only starts once the registry view has caught up,
 * so no early record is fanned out against an empty view. The offset is committed after the listener returns,
 * that is after every department's ledger entry for the record was written (ack mode RECORD); the lanes deliver
 * from the ledger.
 */
@Component
class RecordEventListener {

    static final String ID = "fan-out";

    private final RecordEventReader reader;
    private final FanOut fanOut;
    private final KafkaListenerEndpointRegistry listeners;

    RecordEventListener(RecordEventReader reader, FanOut fanOut, KafkaListenerEndpointRegistry listeners) {
        this.reader = reader;
        this.fanOut = fanOut;
        this.listeners = listeners;
    }

    @KafkaListener(id = ID, topics = Topics.RECORDS, groupId = "fillonce-sync", autoStartup = "false", properties = {
            "value.deserializer=org.springframework.kafka.support.serializer.ErrorHandlingDeserializer",
            "spring.deserializer.value.delegate.class=io.cloudevents.kafka.CloudEventDeserializer"})
    void onRecordEvent(ConsumerRecord<String, CloudEvent> record) {
        fanOut.share(reader.read(record.value()));
    }

    @EventListener(RegistryCaughtUp.class)
    void startWhenRegistryCaughtUp() {
        listeners.getListenerContainer(ID).start();
    }
}
