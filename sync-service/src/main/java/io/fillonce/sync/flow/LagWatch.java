package io.fillonce.sync.flow;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.fillonce.sync.CommittedReaders;
import io.fillonce.sync.Topics;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.system.PeriodicTask;
import io.fillonce.sync.registry.Subscription;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Watches, from Kafka itself, how far each department's readers are behind: its own consumer groups
 * ({@code fillonce.dept.<code>.*}) on its topic, sync's webhook worker group on the same topic; and whether the
 * fan-out's and the webhook workers' groups have members. Every instance watches the whole cluster (a few admin
 * calls per department every {@code fillonce.sync.flows.refresh}), so any instance answers the same; the figures
 * are also the gauges {@code fillonce.consumer.lag.messages} and {@code fillonce.consumer.lag.seconds}.
 */
@Component
public class LagWatch extends PeriodicTask {

    static final String FAN_OUT_GROUP = "fillonce-sync-fanout";
    static final String WEBHOOK_GROUP_PREFIX = "fillonce-webhook-";
    private static final Logger log = LoggerFactory.getLogger(LagWatch.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

    private final RegistryView registry;
    private final KafkaAdmin kafkaAdmin;
    private final Map<String, Object> readerConfig;
    private final MeterRegistry meters;
    private final Duration refresh;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, ChannelLag> lags = new ConcurrentHashMap<>();
    private final Map<String, List<TopicPartition>> partitions = new ConcurrentHashMap<>();
    private volatile Boolean fanOutRunning;
    private Admin admin;
    private KafkaConsumer<byte[], byte[]> peek;

    LagWatch(RegistryView registry, KafkaAdmin kafkaAdmin, CommittedReaders readers,
            MeterRegistry meters, @Value("${fillonce.sync.flows.refresh}") Duration refresh) {
        super("lag-watch", refresh, refresh);
        this.registry = registry;
        this.kafkaAdmin = kafkaAdmin;
        this.readerConfig = readers.config();
        this.meters = meters;
        this.refresh = refresh;
        readerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        readerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        // it reads one message per lagging partition: small fetches, not a megabyte of each department's topic
        readerConfig.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024);
        readerConfig.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024);
    }

    /** Each watched channel's lag, by department and channel. */
    public Map<String, ChannelLag> lags() {
        return Map.copyOf(lags);
    }

    public ChannelLag lag(String department, String channel) {
        return lags.get(ChannelLag.id(department, channel));
    }

    /** Whether the fan-out's consumer group has members; null until first looked at. */
    public Boolean fanOutRunning() {
        return fanOutRunning;
    }

    @Override
    public synchronized void stop() {
        super.stop();
        if (peek != null) {
            peek.close(Duration.ofSeconds(1));
            peek = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }

    /** One look at every department that shares by topic or webhook; a failed look keeps the last figures. */
    @Override
    protected void runOnce() {
        try {
            if (admin == null) {
                admin = Admin.create(kafkaAdmin.getConfigurationProperties());
            }
            Map<String, Set<String>> watched = watchedChannels();
            List<String> groups = admin.listConsumerGroups().all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .stream().map(ConsumerGroupListing::groupId).toList();
            Set<String> described = new TreeSet<>();
            described.add(FAN_OUT_GROUP);
            watched.forEach((department, channels) -> {
                if (channels.contains("webhook")) {
                    described.add(WEBHOOK_GROUP_PREFIX + department);
                }
            });
            groups.stream().filter(group -> group.startsWith(Topics.department(""))).forEach(described::add);
            Map<String, ConsumerGroupDescription> descriptions = admin.describeConsumerGroups(described).all()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            ConsumerGroupDescription fanOut = descriptions.get(FAN_OUT_GROUP);
            fanOutRunning = fanOut != null && !fanOut.members().isEmpty();
            Map<String, List<TopicPartition>> topics = new HashMap<>();
            Map<String, List<String>> readers = new HashMap<>(); // per department and channel: its reader groups
            for (Map.Entry<String, Set<String>> entry : watched.entrySet()) {
                String department = entry.getKey();
                List<TopicPartition> topic = partitionsOf(department);
                if (topic.isEmpty()) {
                    continue;
                }
                topics.put(department, topic);
                for (String channel : entry.getValue()) {
                    readers.put(ChannelLag.id(department, channel), channel.equals("webhook")
                            ? List.of(WEBHOOK_GROUP_PREFIX + department)
                            : groups.stream().filter(group -> group.startsWith(Topics.department(department) + "."))
                                    .toList());
                }
            }
            Map<TopicPartition, Long> ends = ends(topics.values().stream().flatMap(List::stream).toList());
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committed(readers, topics);
            Map<String, ChannelLag> next = new HashMap<>();
            readers.forEach((id, groupsOfChannel) -> {
                String[] departmentAndChannel = id.split("\\|", 2);
                next.put(id, lag(departmentAndChannel[0], departmentAndChannel[1], groupsOfChannel,
                        topics.get(departmentAndChannel[0]), ends, committed, descriptions));
            });
            lags.keySet().retainAll(next.keySet());
            lags.putAll(next);
            next.values().forEach(this::gauges);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Could not look at the departments' consumer lag (trying again in {}): {}", refresh,
                    e.toString());
        }
    }

    /** Department → the channels read from its topic (topic, webhook) by subscriptions that have not ended. */
    private Map<String, Set<String>> watchedChannels() {
        Map<String, Set<String>> watched = new HashMap<>();
        for (Subscription subscription : registry.subscriptions()) {
            if (subscription.ended()) {
                continue;
            }
            for (String channel : List.of("topic", "webhook")) {
                if (subscription.sharesBy(channel)) {
                    watched.computeIfAbsent(subscription.department(), department -> new TreeSet<>()).add(channel);
                }
            }
        }
        return watched;
    }

    private List<TopicPartition> partitionsOf(String department)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<TopicPartition> known = partitions.get(department);
        if (known != null) {
            return known;
        }
        String topic = Topics.department(department);
        Map<String, TopicDescription> described;
        try {
            described = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        catch (ExecutionException notYet) {
            return List.of(); // nothing was written to the department yet (or it cannot be described now)
        }
        List<TopicPartition> found = described.get(topic).partitions().stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).toList();
        partitions.put(department, found);
        return found;
    }

    private Map<TopicPartition, Long> ends(List<TopicPartition> topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topic.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(latest).all()
                .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        found.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** Every reader group's committed offsets on its department's topic, in one call. */
    private Map<String, Map<TopicPartition, OffsetAndMetadata>> committed(Map<String, List<String>> readers,
            Map<String, List<TopicPartition>> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        readers.forEach((id, groups) -> {
            List<TopicPartition> topic = topics.get(id.substring(0, id.indexOf('|')));
            groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec().topicPartitions(topic)));
        });
        if (specs.isEmpty()) {
            return Map.of();
        }
        return admin.listConsumerGroupOffsets(specs).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The channel's lag: the reader furthest behind counts. */
    private ChannelLag lag(String department, String channel, List<String> readers, List<TopicPartition> topic,
            Map<TopicPartition, Long> ends, Map<String, Map<TopicPartition, OffsetAndMetadata>> committed,
            Map<String, ConsumerGroupDescription> descriptions) {
        if (readers.isEmpty()) {
            return new ChannelLag(department, channel, null, null, 0, false);
        }
        long worst = -1;
        Map<TopicPartition, Long> worstPositions = Map.of();
        for (String group : readers) {
            Map<TopicPartition, Long> positions = new HashMap<>();
            long behind = 0;
            for (TopicPartition partition : topic) {
                long end = ends.getOrDefault(partition, 0L);
                OffsetAndMetadata at = committed.getOrDefault(group, Map.of()).get(partition);
                long position = at == null ? 0 : at.offset();
                if (position < end) {
                    behind += end - position;
                    positions.put(partition, position);
                }
            }
            if (behind > worst) {
                worst = behind;
                worstPositions = positions;
            }
        }
        boolean running = readers.stream().map(descriptions::get)
                .anyMatch(description -> description != null && !description.members().isEmpty());
        return new ChannelLag(department, channel, worst, oldestAge(worstPositions), readers.size(), running);
    }

    /** Seconds since the oldest unread message was written (0 when only transaction markers are unread). */
    private double oldestAge(Map<TopicPartition, Long> positions) {
        if (positions.isEmpty()) {
            return 0;
        }
        if (peek == null) {
            Properties config = new Properties();
            config.putAll(readerConfig);
            peek = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        peek.assign(positions.keySet());
        positions.forEach(peek::seek);
        long oldest = Long.MAX_VALUE;
        Collection<TopicPartition> waiting = new ArrayList<>(positions.keySet());
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : peek.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (waiting.remove(partition)) {
                    oldest = Math.min(oldest, record.timestamp());
                    peek.pause(List.of(partition));
                }
            }
        }
        peek.resume(peek.paused());
        return oldest == Long.MAX_VALUE ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }

    private void gauges(ChannelLag lag) {
        String id = ChannelLag.id(lag.department(), lag.channel());
        Gauge.builder("fillonce.consumer.lag.messages", lags, all -> figure(all.get(id), false))
                .description("messages the department's slowest reader of the channel has not read")
                .tags("department", lag.department(), "channel", lag.channel()).register(meters);
        Gauge.builder("fillonce.consumer.lag.seconds", lags, all -> figure(all.get(id), true))
                .description("age of the oldest message the department's slowest reader has not read")
                .tags("department", lag.department(), "channel", lag.channel()).register(meters);
    }

    private static double figure(ChannelLag lag, boolean seconds) {
        if (lag == null || lag.messages() == null) {
            return Double.NaN;
        }
        return seconds ? lag.seconds() : lag.messages();
    }
}
