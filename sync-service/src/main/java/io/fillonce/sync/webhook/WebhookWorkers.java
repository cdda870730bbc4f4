package io.fillonce.sync.webhook;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.fillonce.registryfeed.RegistryCaughtUp;
import io.fillonce.sync.CommittedReaders;
import io.fillonce.sync.audit.AuditRecorder;
import io.fillonce.sync.mapping.Subjects;
import io.fillonce.sync.registry.Department;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * One webhook worker (thread and consumer group) per department that has a webhook endpoint and a subscription
 * delivering by webhook, started once the registry view has caught up, and kept in step with the registry: a
 * worker appears with the department's first webhook subscription, and one that stopped is started again.
 */
@Component
class WebhookWorkers implements DisposableBean {

    static final String GROUP_PREFIX = "fillonce-webhook-";
    private static final Logger log = LoggerFactory.getLogger(WebhookWorkers.class);
    private static final long CHECK_SECONDS = 2;

    private final RegistryView registry;
    private final WebhookSender sender;
    private final WebhookResilience resilience;
    private final WebhookSettings settings;
    private final DeadLetters deadLetters;
    private final WebhookReceipts receipts;
    private final AuditRecorder audit;
    private final Subjects subjects;
    private final WebhookSignals signals;
    private final Map<String, Object> consumerConfig;
    private final Map<String, Running> workers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(threads("webhook-workers-"));

    private record Running(WebhookWorker worker, Thread thread) {
    }

    WebhookWorkers(RegistryView registry, WebhookSender sender, WebhookResilience resilience,
            WebhookSettings settings, DeadLetters deadLetters, WebhookReceipts receipts, AuditRecorder audit,
            CommittedReaders readers, Subjects subjects, WebhookSignals signals) {
        this.registry = registry;
        this.signals = signals;
        this.sender = sender;
        this.resilience = resilience;
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.receipts = receipts;
        this.audit = audit;
        this.subjects = subjects;
        this.consumerConfig = readers.config();
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        consumerConfig.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
    }

    @EventListener(RegistryCaughtUp.class)
    void start() {
        checker.scheduleWithFixedDelay(this::check, 0, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts the workers the registry asks for; restarts any that stopped. */
    void check() {
        try {
            Set<String> wanted = registry.subscriptions().stream().filter(s -> s.sharesBy("webhook"))
                    .map(Subscription::department).filter(this::hasEndpoint).collect(Collectors.toSet());
            for (String department : wanted) {
                Running running = workers.get(department);
                if (running == null || !running.thread().isAlive()) {
                    workers.put(department, launch(department));
                }
            }
        }
        catch (RuntimeException e) {
            log.warn("Could not check the webhook workers: {}", e.toString());
        }
    }

    /** Whether this instance runs the department's worker and its thread is alive. */
    boolean running(String department) {
        Running running = workers.get(department);
        return running != null && running.thread().isAlive();
    }

    private boolean hasEndpoint(String department) {
        return registry.department(department).map(Department::webhook).isPresent();
    }

    private Running launch(String department) {
        Properties config = new Properties();
        config.putAll(consumerConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_PREFIX + department);
        WebhookWorker worker = new WebhookWorker(department, new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer()), sender, resilience, settings, deadLetters, receipts, audit, registry,
                subjects, signals);
        signals.watch(department, () -> running(department));
        // A virtual thread per department: its worker mostly waits (on Kafka, on the department's endpoint, on an
        // open breaker), so a thousand departments cost a thousand small stacks, not a thousand platform threads.
        Thread thread = Thread.ofVirtual().name("webhook-" + department).start(worker);
        log.info("Started the webhook worker of department {}", department);
        return new Running(worker, thread);
    }

    private static CustomizableThreadFactory threads(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
        workers.values().forEach(running -> running.worker().stop());
        workers.values().forEach(running -> {
            try {
                running.thread().join(5_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
