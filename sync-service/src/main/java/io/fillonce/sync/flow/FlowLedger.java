package io.fillonce.sync.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fillonce.sync.audit.AuditAction;
import io.fillonce.sync.audit.DeliveryCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static io.fillonce.sync.flow.Tallies.group;
import static io.fillonce.sync.flow.Tallies.number;

/**
 * Counts confirmed deliveries per flow (record type × department × channel) from the audit topic, as the audit
 * writer chains it: a topic delivery counts once its fan-out transaction committed, a webhook delivery once the
 * endpoint confirmed it, a feed item once it was read. Per flow one totals document (delivered, fields filled, last
 * delivery) and a ring of {@value #SLOTS} one-minute documents (the recent rate), so what it keeps grows with the
 * number of flows, never with data; each is a {@link Tallies} document, so a batch counted again after a crash
 * changes nothing twice. The same deliveries go on to the {@link BurdenLedger}.
 */
@Component
public class FlowLedger implements DeliveryCounter {

    static final String TOTALS = "flow_totals";
    static final String MINUTES = "flow_minutes";
    static final int SLOTS = 16;

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final BurdenLedger burden;

    FlowLedger(MongoTemplate mongo, JsonMapper json, MeterRegistry meters, BurdenLedger burden) {
        this.mongo = mongo;
        this.json = json;
        this.meters = meters;
        this.burden = burden;
    }

    /** What an audit event says about deliveries; the rest of it is not read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Audited(String time, String action, String type, String eventId, String channel,
            List<Recipient> recipients, String outcome, String submittedBy) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Recipient(String department, String subscription, String eventId, List<String> fields) {
        }

        /** A re-sync job's copy of a version the department had (its event id is derived: {@code <id>~<job>}). */
        boolean resyncCopy(Recipient recipient) {
            String id = recipient.eventId() != null ? recipient.eventId() : eventId;
            return id != null && id.contains("~");
        }

        boolean confirmedDelivery() {
            return outcome == null && type != null && channel != null && recipients != null
                    && (AuditAction.DELIVERED.name().equals(action) || AuditAction.FEED_READ.name().equals(action));
        }
    }

    /**
     * One department's confirmed copy: its flow, when, how many fields it filled, at which audit offset; by which
     * subscription (null where the event does not say: a feed read), whose submission it was (null: unknown), and
     * whether it was a re-sync job's copy of a version the department had already.
     */
    record Delivery(long offset, FlowKey flow, Instant at, int fields, String subscription, String submitter,
            boolean resyncCopy) implements Tallies.Counted {

        long minute() {
            return at.getEpochSecond() / 60;
        }

        String slot() {
            return flow.id() + "|" + Math.floorMod(minute(), SLOTS);
        }
    }

    /** Counts the confirmed deliveries of a polled batch of the audit topic (all of it, chained before or not). */
    @Override
    public void count(List<ConsumerRecord<String, byte[]>> records) {
        List<Delivery> deliveries = deliveries(records);
        if (deliveries.isEmpty()) {
            return;
        }
        long through = records.get(records.size() - 1).offset();
        List<Delivery> counted = Tallies.write(mongo, TOTALS, group(deliveries, delivery -> delivery.flow().id()),
                through, FlowLedger::total);
        Tallies.write(mongo, MINUTES, group(deliveries, Delivery::slot), through, FlowLedger::minute);
        counted.forEach(delivery -> meters.counter("fillonce.deliveries", "type", delivery.flow().recordType(),
                "department", delivery.flow().department(), "channel", delivery.flow().channel(),
                "outcome", "delivered").increment());
        burden.count(deliveries, through);
    }

    private List<Delivery> deliveries(List<ConsumerRecord<String, byte[]>> records) {
        List<Delivery> deliveries = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Audited event;
            try {
                event = record.value() == null ? null : json.readValue(record.value(), Audited.class);
            }
            catch (JacksonException notAnEvent) {
                continue; // the audit writer leaves it out of the chain, loudly
            }
            if (event == null || !event.confirmedDelivery()) {
                continue;
            }
            Instant at = Instant.parse(event.time());
            for (Audited.Recipient recipient : event.recipients()) {
                deliveries.add(new Delivery(record.offset(), new FlowKey(event.type(), recipient.department(),
                        event.channel()), at, recipient.fields() == null ? 0 : recipient.fields().size(),
                        recipient.subscription(), event.submittedBy(), event.resyncCopy(recipient)));
            }
        }
        return deliveries;
    }


    private static Update total(Document known, List<Delivery> fresh) {
        FlowKey flow = fresh.get(0).flow();
        Instant last = fresh.stream().map(Delivery::at).max(Instant::compareTo).orElseThrow();
        Date before = known == null ? null : known.getDate("lastDelivery");
        if (before != null && before.toInstant().isAfter(last)) {
            last = before.toInstant();
        }
        return new Update().set("recordType", flow.recordType()).set("department", flow.department())
                .set("channel", flow.channel())
                .set("delivered", number(known, "delivered") + fresh.size())
                .set("fields", number(known, "fields") + fresh.stream().mapToLong(Delivery::fields).sum())
                .set("lastDelivery", Date.from(last));
    }

    /** A minute slot: counts of its minute; a newer minute starts it afresh, an older one than it holds is past. */
    private static Update minute(Document known, List<Delivery> fresh) {
        long minute = known == null ? Long.MIN_VALUE : number(known, "minute");
        long delivered = number(known, "delivered");
        for (Delivery delivery : fresh) {
            if (delivery.minute() > minute) {
                minute = delivery.minute();
                delivered = 0;
            }
            if (delivery.minute() == minute) {
                delivered++;
            }
        }
        FlowKey flow = fresh.get(0).flow();
        return new Update().set("flow", flow.id()).set("minute", minute).set("delivered", delivered);
    }

    /** The totals of every flow that delivered anything. */
    List<Document> totals() {
        return mongo.findAll(Document.class, TOTALS);
    }

    /** Deliveries per flow id in the minutes from {@code fromMinute} on (epoch minutes). */
    Map<String, Long> deliveredSince(long fromMinute) {
        Map<String, Long> delivered = new LinkedHashMap<>();
        for (Document slot : mongo.findAll(Document.class, MINUTES)) {
            if (number(slot, "minute") >= fromMinute) {
                delivered.merge(slot.getString("flow"), number(slot, "delivered"), Long::sum);
            }
        }
        return delivered;
    }
}
