package io.fillonce.sync.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.fillonce.sync.Topics;
import io.fillonce.sync.audit.AuditEvent;
import io.fillonce.sync.audit.AuditRecorder;
import io.fillonce.sync.fanout.DepartmentRecord;
import io.fillonce.sync.mapping.Subjects;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.telemetry.Traces;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers one department's topic to its webhook endpoint, on its own thread and in its own consumer group
 * ({@code fillonce-webhook-<code>}), so a slow or failing department holds up only itself. It reads committed
 * messages only, in partition order, so per entity versions are posted in order; a message whose subscription
 * does not use the webhook channel is passed by.
 * <p>
 * What a failed try costs the message is decided once, by {@link DeliveryAttemptFailed.Kind}. A department that is
 * unavailable (no answer, or 429/502/503/504) is the department's state, not the message's fault: such tries are
 * never charged, and while they last, or while the department's circuit breaker is open, the worker rewinds to the
 * first message it did not deliver, pauses for the breaker's wait and tries again, for as long as the outage lasts
 * (only the topic's retention bounds it). It logs the outage once when it begins and once when deliveries resume.
 * A message the reachable endpoint refuses (any other non-2xx) is charged each try, across pauses; once it used up
 * its budget, or at once for a permanent failure (410, an inactive endpoint), it becomes a dead letter and parks its
 * entity: that entity's later messages are kept with the parked entity in MongoDB and the worker goes on with other
 * entities, committing offsets as it goes. When an operator replays or discards the dead letter, the worker delivers
 * what was held, in order, and unparks the entity. A crash before a commit posts the uncommitted messages again
 * under the same {@code webhook-id}: at least once, and receivers dedupe.
 */
final class WebhookWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RESOLVE_EVERY = Duration.ofMillis(500);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String department;
    private final Consumer<String, byte[]> consumer;
    private final WebhookSender sender;
    private final WebhookResilience resilience;
    private final WebhookSettings settings;
    private final DeadLetters deadLetters;
    private final WebhookReceipts receipts;
    private final AuditRecorder audit;
    private final RegistryView registry;
    private final Subjects subjects;
    private final WebhookSignals signals;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, ParkedEntity> parked = new HashMap<>();
    private final Map<String, Tries> tries = new HashMap<>();
    private final DepartmentOutage outage;
    private volatile boolean running = true;
    private Instant lastResolve = Instant.MIN;

    WebhookWorker(String department, Consumer<String, byte[]> consumer, WebhookSender sender,
            WebhookResilience resilience, WebhookSettings settings, DeadLetters deadLetters, WebhookReceipts receipts,
            AuditRecorder audit, RegistryView registry, Subjects subjects, WebhookSignals signals) {
        this.department = department;
        this.signals = signals;
        this.consumer = consumer;
        this.sender = sender;
        this.resilience = resilience;
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.receipts = receipts;
        this.audit = audit;
        this.registry = registry;
        this.subjects = subjects;
        this.outage = new DepartmentOutage(department, settings.breakerWait(),
                () -> resilience.breakerState(department), this::waiting, clock);
    }

    String department() {
        return department;
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    private enum Outcome { DELIVERED, DEAD, PAUSED }

    /**
     * How often a message was tried so far, how many of those tries were charged to its budget (not those that found
     * the department unavailable), and why the last try failed.
     */
    private record Tries(int attempts, int charged, String lastError) {

        static final Tries NONE = new Tries(0, 0, null);

        Tries tried() {
            return new Tries(attempts + 1, charged, lastError);
        }

        Tries failed(DeliveryAttemptFailed failed) {
            return new Tries(attempts, failed.charged() ? charged + 1 : charged, failed.getMessage());
        }
    }

    /** What one batch delivered, flushed (receipts and audit events) before its offsets are committed. */
    private final class Confirmations {

        private final Map<String, WebhookReceipts.Confirmed> latest = new LinkedHashMap<>();
        private final List<AuditEvent> events = new ArrayList<>();

        void add(WebhookMessage message, int attempts) {
            if (message.subscriptionEnded() || message.testEvent()) {
                return; // about the subscription, or a test: no receipt, no personal data to audit, not counted
            }
            Instant now = clock.instant();
            if (message.erasedNotice()) {
                events.add(AuditEvent.delivered(now, message.type(), null, message.version(), message.eventId(),
                        "webhook", List.of(AuditEvent.Recipient.of(department, message.subscription(), null,
                                message.purpose(), message.legalBasis(), null, null, message.keyDisclosed()))));
                return; // the entity is erased: no receipt, and its key is not written again
            }
            String id = WebhookReceipts.Confirmed.id(department, message.subject());
            WebhookReceipts.Confirmed previous = latest.get(id);
            if (previous == null || previous.version() <= message.version()) {
                latest.put(id, new WebhookReceipts.Confirmed(id, message.eventId(), message.version(), now, attempts));
            }
            events.add(AuditEvent.delivered(now, message.type(), message.entityKey(), message.version(),
                    message.eventId(), "webhook", List.of(AuditEvent.Recipient.of(department, message.subscription(),
                            null, message.purpose(), message.legalBasis(), payload(message), message.payload(),
                            message.keyDisclosed()))).withSubmitter(message.submitter()));
        }

        /** The entity was erased: a receipt of an earlier version in this batch is not written after all. */
        void forget(String subject) {
            latest.remove(WebhookReceipts.Confirmed.id(department, subject));
        }

        void flush() {
            audit.record(events);
            receipts.confirmed(List.copyOf(latest.values()));
            events.clear();
            latest.clear();
        }
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.department(department)), new LoadParked());
            while (running) {
                resolveParked();
                ConsumerRecords<String, byte[]> batch = consumer.poll(POLL);
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
            }
        }
        catch (WakeupException stopping) {
            // stop() woke the consumer up
        }
        catch (RuntimeException e) {
            log.error("Webhook worker of department {} stopped; it is started again: {}", department, e.toString(), e);
        }
        finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void deliver(ConsumerRecords<String, byte[]> batch) {
        Confirmations confirmations = new Confirmations();
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean paused = false;
        for (TopicPartition partition : batch.partitions()) {
            List<ConsumerRecord<String, byte[]>> records = batch.records(partition);
            int i = 0;
            for (; i < records.size() && !paused && running; i++) {
                ConsumerRecord<String, byte[]> record = records.get(i);
                WebhookMessage message = WebhookMessage.of(DepartmentRecord.read(record, department, subjects));
                Span span = signals.traces().continueTrace("webhook", traceparent(record));
                try (Tracer.SpanInScope scope = signals.traces().inScope(span)) {
                    if (take(message, confirmations) == Outcome.PAUSED) {
                        paused = true;
                        break;
                    }
                }
                finally {
                    Traces.end(span);
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
            if (i < records.size()) {
                consumer.seek(partition, records.get(i).offset());
            }
        }
        confirmations.flush();
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
        if (paused) {
            log.debug("Webhook deliveries to department {} wait {} (circuit breaker {})", department,
                    settings.breakerWait(), resilience.breakerState(department));
            sleep(settings.breakerWait());
        }
    }

    /** Delivers, holds or passes one message. */
    private Outcome take(WebhookMessage message, Confirmations confirmations) {
        if (!byWebhook(message)) {
            return Outcome.DELIVERED;
        }
        if (message.erasedNotice()) {
            deadLetters.erased(department, message.subject());
            confirmations.forget(message.subject());
            receipts.forget(department, message.subject());
            parked.remove(message.subject());
        }
        else if (parked.containsKey(message.subject())) {
            deadLetters.hold(department, message);
            signals.counted(message, department, WebhookSignals.PARKED);
            parked.put(message.subject(), deadLetters.parkedEntity(department, message.subject()).orElseThrow());
            return Outcome.DELIVERED;
        }
        return post(message, confirmations);
    }

    /**
     * Whether the message still goes out by webhook (not once its subscription ended, but for its notice); a test
     * message the department asked for always does.
     */
    private boolean byWebhook(WebhookMessage message) {
        if (message.testEvent()) {
            return true;
        }
        return message.subscription() != null && registry.subscription(message.subscription())
                .map(subscription -> subscription.delivers("webhook", message.sentType())).orElse(false);
    }

    /**
     * Posts with the department's retry and circuit breaker. Tries are counted per message across pauses (in memory:
     * a restart counts afresh); only those the message is to blame for use up its budget, so an outage never makes a
     * dead letter, while a message the endpoint keeps refusing does not hold up its department for ever.
     */
    private Outcome post(WebhookMessage message, Confirmations confirmations) {
        AtomicReference<Tries> sofar = new AtomicReference<>(tries.getOrDefault(message.eventId(), Tries.NONE));
        try {
            resilience.guard(department, () -> {
                sofar.set(sofar.get().tried());
                long started = System.nanoTime();
                try {
                    sender.send(department, message);
                    log.debug("Delivered {} to department {} by webhook", message.eventId(), department);
                }
                catch (DeliveryAttemptFailed failed) {
                    sofar.set(sofar.get().failed(failed));
                    signals.counted(message, department, WebhookSignals.FAILED);
                    throw failed;
                }
                finally {
                    signals.latency(department, System.nanoTime() - started);
                }
                return null;
            }).call();
            tries.remove(message.eventId());
            outage.resumed();
            confirmations.add(message, sofar.get().attempts());
            return Outcome.DELIVERED;
        }
        catch (CallNotPermittedException open) {
            if (sofar.get().charged() < settings.maxAttempts()) {
                return keep(message, sofar.get());
            }
        }
        catch (DeliveryAttemptFailed failed) {
            if (!failed.permanent() && sofar.get().charged() < settings.maxAttempts()) {
                return keep(message, sofar.get());
            }
        }
        catch (Exception unexpected) {
            sofar.set(new Tries(sofar.get().attempts(), sofar.get().charged(), unexpected.toString()));
        }
        return dead(message, sofar.get());
    }

    /** The message waits for the department: the worker rewinds to it and pauses. */
    private Outcome keep(WebhookMessage message, Tries sofar) {
        tries.put(message.eventId(), sofar);
        outage.began(sofar.lastError());
        return Outcome.PAUSED;
    }

    private Outcome dead(WebhookMessage message, Tries sofar) {
        tries.remove(message.eventId());
        String reason = sofar.lastError() == null ? "retry budget used up" : sofar.lastError();
        log.warn("Dead letter {} for department {} after {} attempts: {}", message.eventId(), department,
                sofar.attempts(), reason);
        deadLetters.dead(department, message, reason, sofar.attempts(), AuditEvent.payloadHash(message.payload()));
        signals.counted(message, department, WebhookSignals.DEAD_LETTERED);
        deadLetters.parkedEntity(department, message.subject()).ifPresent(p -> parked.put(p.subject(), p));
        return Outcome.DEAD;
    }

    /** Every half second: the parked entities an operator resolved are delivered on, in order. */
    private void resolveParked() {
        if (parked.isEmpty() || clock.instant().isBefore(lastResolve.plus(RESOLVE_EVERY))) {
            return;
        }
        lastResolve = clock.instant();
        for (ParkedEntity entity : deadLetters.parked(department, List.copyOf(parked.keySet()))) {
            DeadLetter letter = deadLetters.find(entity.deadLetter()).orElse(null);
            if (letter == null || letter.status() == DeadLetter.Status.DEAD) {
                continue;
            }
            Confirmations confirmations = new Confirmations();
            if (letter.status() == DeadLetter.Status.REPLAYING) {
                if (post(letter.message(), confirmations) != Outcome.DELIVERED) {
                    confirmations.flush();
                    continue;
                }
                deadLetters.replayed(letter.id());
            }
            release(entity, confirmations);
            confirmations.flush();
        }
    }

    /** Delivers the held messages in order; unparks the entity when all went through. */
    private void release(ParkedEntity entity, Confirmations confirmations) {
        int delivered = 0;
        for (WebhookMessage held : entity.held()) {
            Outcome outcome = byWebhook(held) ? post(held, confirmations) : Outcome.DELIVERED;
            if (outcome != Outcome.DELIVERED) {
                deadLetters.released(department, entity.subject(), delivered + (outcome == Outcome.DEAD ? 1 : 0));
                return;
            }
            delivered++;
        }
        deadLetters.unpark(department, entity.subject());
        parked.remove(entity.subject());
    }

    /** About how many messages wait behind the worker's commits (by offset: transaction markers count too). */
    private long waiting() {
        try {
            Set<TopicPartition> assigned = consumer.assignment();
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
            return assigned.stream().mapToLong(partition -> ends.getOrDefault(partition, 0L)
                    - (committed.get(partition) == null ? 0 : committed.get(partition).offset())).sum();
        }
        catch (WakeupException stopping) {
            throw stopping;
        }
        catch (KafkaException e) {
            return -1;
        }
    }

    /** The trace the department message carries, if any. */
    private static String traceparent(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(Traces.KAFKA_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }

    /** The JSON that left; a notice has none (an empty object: no fields). */
    private JsonNode payload(WebhookMessage message) {
        return message.withoutData() ? JSON.createObjectNode() : JSON.readTree(message.payload());
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** On assignment: the department's parked entities, so their later messages are held, not posted. */
    private final class LoadParked implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            parked.clear();
            deadLetters.parked(department).forEach(entity -> parked.put(entity.subject(), entity));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // offsets are committed after every batch
        }
    }
}
