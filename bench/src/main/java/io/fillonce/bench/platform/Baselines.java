package io.fillonce.bench.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;

/**
 * What the platform is measured against, on the same broker and the same MongoDB server in the same run:
 * <ul>
 * <li>T_k: a plain {@link KafkaProducer} (acks=all, otherwise defaults) sending records of the bench's size to a
 * topic of its own, partitioned and replicated like {@code fillonce.records}, from the first send until every
 * acknowledgement;</li>
 * <li>T_m: {@code concurrency} threads inserting documents of the same size one at a time ({@code insertOne},
 * acknowledged) into a collection of their own.</li>
 * </ul>
 * Both clean up after themselves (the topic and the collection are deleted).
 */
final class Baselines {

    private static final int DISTINCT = 1000;

    private final RecordShape shape;
    private final Progress progress;
    private final String tag;

    Baselines(RecordShape shape, Progress progress, String tag) {
        this.shape = shape;
        this.progress = progress;
        this.tag = tag;
    }

    Throughput kafka(KafkaClients clients, int records, Duration timeout) throws Exception {
        String topic = "bench.baseline." + tag;
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < DISTINCT; i++) {
            values.add(shape.record(tag + "k", i).getBytes(StandardCharsets.UTF_8));
        }
        try (Admin admin = Admin.create(clients.admin())) {
            TopicDescription like = admin.describeTopics(List.of("fillonce.records")).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get("fillonce.records");
            admin.createTopics(List.of(new NewTopic(topic, like.partitions().size(),
                    (short) like.partitions().get(0).replicas().size()))).all().get(30, TimeUnit.SECONDS);
            try {
                progress.line("T_k: %,d records of %d bytes, acks=all, to %s (%d partitions, like fillonce.records)",
                        records, values.get(0).length, topic, like.partitions().size());
                Throughput figure = produce(clients, topic, values, records, timeout);
                progress.line("T_k: %,.0f records/s (%,d in %.1f s)", figure.perSecond(), figure.count(),
                        figure.seconds());
                return figure;
            }
            finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private Throughput produce(KafkaClients clients, String topic, List<byte[]> values, int records,
            Duration timeout) throws InterruptedException {
        CountDownLatch acknowledged = new CountDownLatch(records);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.plainProducer())) {
            for (int i = 0; i < records; i++) {
                byte[] key = ("bench-kafka/" + tag + "-" + i).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, key, values.get(i % DISTINCT)), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                    acknowledged.countDown();
                });
            }
            boolean all = acknowledged.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long elapsed = System.nanoTime() - start;
            long done = records - acknowledged.getCount();
            if (!all || failure.get() != null) {
                return Throughput.unfinished(done, elapsed, failure.get() != null
                        ? "the producer failed: " + failure.get()
                        : String.format(Locale.ROOT, "did not finish in %d s: %d of %d acknowledged",
                                timeout.toSeconds(), done, records));
            }
            return Throughput.of(records, elapsed);
        }
    }

    Throughput mongo(String uri, int documents, int threads, Duration timeout) throws InterruptedException {
        List<Document> templates = new ArrayList<>();
        for (int i = 0; i < DISTINCT; i++) {
            templates.add(Document.parse(shape.record(tag + "m", i)));
        }
        progress.line("T_m: %,d documents of about %d bytes, %d threads inserting one at a time", documents,
                shape.record(tag + "m", 0).length(), threads);
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> collection = client.getDatabase("fillonce-bench")
                    .getCollection("inserts-" + tag);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger inserted = new AtomicInteger();
            AtomicReference<Exception> failure = new AtomicReference<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> insert(collection, templates, documents, next, inserted, failure));
            }
            pool.shutdown();
            boolean all = pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long elapsed = System.nanoTime() - start;
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            collection.drop();
            if (!all || failure.get() != null) {
                return Throughput.unfinished(inserted.get(), elapsed, failure.get() != null
                        ? "an insert failed: " + failure.get()
                        : String.format(Locale.ROOT, "did not finish in %d s: %d of %d inserted",
                                timeout.toSeconds(), inserted.get(), documents));
            }
            Throughput figure = Throughput.of(documents, elapsed);
            progress.line("T_m: %,.0f documents/s (%,d in %.1f s)", figure.perSecond(), documents, figure.seconds());
            return figure;
        }
    }

    private void insert(MongoCollection<Document> collection, List<Document> templates, int documents,
            AtomicInteger next, AtomicInteger inserted, AtomicReference<Exception> failure) {
        for (int i = next.getAndIncrement(); i < documents && failure.get() == null
                && !Thread.currentThread().isInterrupted(); i = next.getAndIncrement()) {
            Document document = new Document(templates.get(i % DISTINCT));
            document.put("_id", tag + "-" + i);
            try {
                collection.insertOne(document);
                inserted.incrementAndGet();
            }
            catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }
    }
}
