package io.fillonce.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fillonce.contracts.Contracts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How fast intake's outbox relay drains a large backlog, against the ceiling measured in the same run.
 * <ol>
 * <li>starts a KRaft broker and mongo-java-server in this JVM, puts the {@code resident} type on the registry
 * topic, takes the relay lease, and starts intake-service's jar;</li>
 * <li>loads {@code entities x versions} records with bulk uploads (intake stores each version with its outbox
 * event);</li>
 * <li>ceiling: a plain producer with the relay's settings sends those same events to a topic of its own;</li>
 * <li>relay: gives the lease back, so intake's relay drains its outbox to {@code fillonce.records}.</li>
 * </ol>
 * Each figure runs from the start of the publishing until a consumer has read every event; the consumer also
 * checks each entity's order and the event ids. Exits 1 when an event is missing, out of order or wrong.
 */
public final class RelayBench {

    private static final PrintStream OUT = System.out;

    private RelayBench() {
    }

    public static void main(String[] arguments) throws Exception {
        BenchSettings settings;
        try {
            settings = BenchSettings.parse(arguments);
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        boolean complete = run(settings);
        System.exit(complete ? 0 : 1);
    }

    static boolean run(BenchSettings settings) throws Exception {
        Identity identity = new Identity();
        Path log = IntakeInstance.logFile();
        try (Infrastructure infrastructure = new Infrastructure();
                Outbox outbox = new Outbox(infrastructure.mongoUri())) {
            infrastructure.seedRegistry();
            infrastructure.createTopic("bench.ceiling", settings.partitions());
            // as intake would declare it; created here so the bench need not wait for intake's first publication
            infrastructure.createTopic("fillonce.records", settings.partitions());
            outbox.holdLease();
            try (IntakeInstance intake = new IntakeInstance(settings, infrastructure, identity, log)) {
                intake.awaitReady(Duration.ofMinutes(3));
                print("relay bench: %d events (%d entities x %d versions), %d partitions, intake %s, log %s",
                        settings.events(), settings.entities(), settings.versions(), settings.partitions(),
                        String.join(" ", settings.intakeJavaOptions()), log);
                load(settings, intake, identity);
                List<Outbox.PendingEvent> events = outbox.pending();
                if (events.size() != settings.events()) {
                    throw new IllegalStateException(events.size() + " events in the outbox, expected "
                            + settings.events());
                }
                return measure(settings, infrastructure, intake, outbox, events);
            }
        }
    }

    private static void load(BenchSettings settings, IntakeInstance intake, Identity identity) throws Exception {
        JsonNode example = Contracts.example("records/resident-upserted.json").path("value").path("data");
        Map<String, String> cadre = identity.cadre("bench", example.path("regionCode").asString());
        long start = System.nanoTime();
        for (int version = 1; version <= settings.versions(); version++) {
            StringBuilder ndjson = new StringBuilder();
            for (int entity = 0; entity < settings.entities(); entity++) {
                ObjectNode record = (ObjectNode) example.deepCopy();
                record.put("idNumber", String.format(Locale.ROOT, "370602%012d", entity));
                record.put("name", "Resident " + entity + " v" + version);
                ndjson.append(record).append('\n');
            }
            JsonNode job = intake.bulkUpload("resident", ndjson.toString(), cadre);
            if (!"DONE".equals(job.path("state").asString()) || job.path("accepted").asLong() != settings.entities()) {
                throw new IllegalStateException("bulk upload " + version + " did not store every record: " + job);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        print("%-44s %8.2f s %9.0f records/s", "load (" + settings.versions() + " bulk uploads through intake)",
                seconds, settings.events() / seconds);
    }

    private static boolean measure(BenchSettings settings, Infrastructure infrastructure, IntakeInstance intake,
            Outbox outbox, List<Outbox.PendingEvent> events) throws Exception {
        Duration timeout = Duration.ofMinutes(30);
        TopicWatch.Delivery ceiling;
        try (TopicWatch watch = new TopicWatch(infrastructure.bootstrapServers(), "bench.ceiling")) {
            ceiling = watch.measure(events, new Ceiling(infrastructure.bootstrapServers(), "bench.ceiling", events),
                    timeout);
        }
        print("%-44s %8.2f s %9.0f events/s", "ceiling (KafkaProducer, same events, settings)",
                seconds(ceiling), ceiling.perSecond());
        TopicWatch.Delivery relay;
        long peakHeap;
        try (TopicWatch watch = new TopicWatch(infrastructure.bootstrapServers(), "fillonce.records");
                HeapSampler heap = new HeapSampler(intake)) {
            relay = watch.measure(events, outbox::releaseLease, timeout);
            peakHeap = heap.peakBytes();
        }
        long waitingEntities = awaitDrained(outbox);
        print("%-44s %8.2f s %9.0f events/s   intake peak heap %d MiB (sampled)", "relay (intake's outbox relay)",
                seconds(relay), relay.perSecond(), peakHeap / (1024 * 1024));
        print("%-44s %8.3f", "ratio relay/ceiling (events/s)", relay.perSecond() / ceiling.perSecond());
        print("order: %d of %d event ids read, %d out of entity order, %d wrong, %d re-published; "
                + "outbox after the relay: %d entities still pending", relay.seen(), relay.expected(),
                relay.outOfOrder(), relay.wrong(), relay.republished(), waitingEntities);
        print("ceiling check: %d of %d read, %d out of order, %d wrong", ceiling.seen(), ceiling.expected(),
                ceiling.outOfOrder(), ceiling.wrong());
        return relay.complete() && ceiling.complete() && waitingEntities == 0;
    }

    /** The relay marks events published after their acknowledgement: give it a moment to finish that. */
    private static long awaitDrained(Outbox outbox) throws InterruptedException {
        long waiting = outbox.entitiesWithPendingEvents();
        for (int i = 0; i < 100 && waiting > 0; i++) {
            Thread.sleep(100);
            waiting = outbox.entitiesWithPendingEvents();
        }
        return waiting;
    }

    private static double seconds(TopicWatch.Delivery delivery) {
        return delivery.elapsed().toNanos() / 1e9;
    }

    private static void print(String format, Object... values) {
        OUT.println(String.format(Locale.ROOT, format, values));
    }
}
