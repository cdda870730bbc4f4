package io.fillonce.bench.platform;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.fillonce.bench.Identity;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The single-record REST load ({@code POST /api/records/{type}}, one record a request) at fixed arrival rates:
 * <ol>
 * <li>the sustained answer rate straight to intake (the identity token signed as the gateway would) and through the
 * gateway, on {@code bench-rest}, a type no department subscribes to; then both at the same time, each at a quarter
 * of the lower of the two, for the gateway's added p99;</li>
 * <li>S: the sustained rate through the gateway on {@code bench-live-f<F>} with every delivery watched, and the
 * latencies submit → last department at half of S.</li>
 * </ol>
 * Every record of a step carries the step's own run mark, so its deliveries are told apart from any other's.
 * Between steps the bench waits for the platform to drain what the last one left (deliveries, relay backlog).
 */
final class RestStage {

    /**
     * The figures of the REST stage.
     *
     * @param pairedRate the rate of each path in the paired runs (both at once)
     * @param gatewayAddedP99Ms p99 answer time through the gateway minus straight to intake, at {@code pairedRate}
     * @param endToEnd the search for S, deliveries watched
     * @param atHalf the run at half of S
     * @param note why a part is missing or what it left behind, empty when nothing
     */
    record Figures(Search direct, Search gateway, Double pairedRate, Step directPaired, Step gatewayPaired,
            Double gatewayAddedP99Ms, Search endToEnd, Step atHalf, String note) {

        /** Records the REST load stored (every 2xx). */
        long recordsStored() {
            List<Step> all = new ArrayList<>();
            List.of(direct, gateway, endToEnd).forEach(search -> all.addAll(search.steps()));
            Stream.of(directPaired, gatewayPaired, atHalf).filter(Objects::nonNull).forEach(all::add);
            return all.stream().mapToLong(Step::succeeded).sum();
        }
    }

    /** A search's steps and its answer; {@code note} says why it ended early, if it did. */
    record Search(String path, double sustained, List<Step> steps, String note) {
    }

    private static final Duration BREAKER_PATIENCE = Duration.ofSeconds(30);

    private final BenchSettings settings;
    private final Http http;
    private final Gateway gateway;
    private final Identity identity;
    private final BenchCatalogue catalogue;
    private final RecordShape shape;
    private final Settling settling;
    private final Progress progress;
    private final String tag;
    private int steps;
    /** What the platform had not drained when the last step's wait ran out; null when it had. */
    private String undrained;

    RestStage(BenchSettings settings, Http http, Gateway gateway, Identity identity, BenchCatalogue catalogue,
            RecordShape shape, Settling settling, Progress progress, String tag) {
        this.settings = settings;
        this.http = http;
        this.gateway = gateway;
        this.identity = identity;
        this.catalogue = catalogue;
        this.shape = shape;
        this.settling = settling;
        this.progress = progress;
        this.tag = tag;
    }

    Figures run(KafkaClients kafka) throws Exception {
        Search direct = search("straight to intake", rate -> answersOnly(rate, this::direct));
        Search viaGateway = search("through the gateway", rate -> answersOnly(rate, this::viaGateway));
        Double paired = null;
        Step directPaired = null;
        Step gatewayPaired = null;
        Double added = null;
        double lower = Math.min(direct.sustained(), viaGateway.sustained());
        if (lower > 0 && undrained == null) {
            paired = lower / 4;
            awaitGatewayPassesOn();
            progress.line("rest: both paths at the same time, %.1f/s each, for %d s", paired,
                    settings.rest().latencyRun().toSeconds());
            Step[] both = paired(paired);
            directPaired = both[0];
            gatewayPaired = both[1];
            if (directPaired.response().p99Ms() != null && gatewayPaired.response().p99Ms() != null) {
                added = gatewayPaired.response().p99Ms() - directPaired.response().p99Ms();
            }
            progress.line("rest: straight to intake %s", directPaired.describe());
            progress.line("rest: through the gateway %s", gatewayPaired.describe());
        }
        List<String> departments = BenchCatalogue.departments(settings.rest().fanout());
        try (DepartmentTopics topics = new DepartmentTopics(kafka, departments)) {
            Search endToEnd = search("through the gateway to " + departments.size() + " departments",
                    rate -> delivered(rate, settings.rest().step(), topics, departments));
            Step atHalf = null;
            if (endToEnd.sustained() > 0 && undrained == null) {
                double half = endToEnd.sustained() / 2;
                awaitGatewayPassesOn();
                progress.line("rest: half of S, %.1f/s for %d s, every delivery timed", half,
                        settings.rest().latencyRun().toSeconds());
                atHalf = delivered(half, settings.rest().latencyRun(), topics, departments);
                progress.line("rest: %s", atHalf.describe());
            }
            return new Figures(direct, viaGateway, paired, directPaired, gatewayPaired, added, endToEnd, atHalf,
                    undrained == null ? "" : undrained);
        }
    }

    private interface Trial {

        Step at(double rate) throws Exception;
    }

    private Search search(String path, Trial trial) throws Exception {
        List<Step> tried = new ArrayList<>();
        RateSearch search = new RateSearch(settings.rest().rateStart(), settings.rest().rateMin(),
                settings.rest().rateMax(), settings.rest().refineSteps());
        for (OptionalDouble rate = search.next(); rate.isPresent() && undrained == null; rate = search.next()) {
            Step step = trial.at(rate.getAsDouble());
            tried.add(step);
            progress.line("rest %s: %s", path, step.describe());
            search.record(step.sustained());
        }
        if (undrained != null) {
            progress.line("rest %s: %s; the REST stage stops here", path, undrained);
            return new Search(path, search.sustained(), tried, undrained);
        }
        progress.line("rest %s: sustained %.1f/s", path, search.sustained());
        return new Search(path, search.sustained(), tried, "");
    }

    /** A step on {@code bench-rest}: answers only; afterwards waits until intake's relay has caught up. */
    private Step answersOnly(double rate, Sender sender) throws Exception {
        String run = tag + "r" + (++steps);
        OpenLoad load = load(rate, settings.rest().step());
        OpenLoad.Outcome outcome = load.run(seq -> sender.send(BenchCatalogue.REST_TYPE, run, seq),
                settings.rest().grace());
        drain(() -> settling.settled("rest step"));
        return Step.judge(outcome, null, null, Latency.NONE, settings.rest().sustainP99());
    }

    /**
     * Both paths at once, each at {@code rate}, so that both meet the same platform (a run after the other would
     * meet whatever the first left behind): the answer times straight to intake and through the gateway.
     */
    private Step[] paired(double rate) throws Exception {
        Duration duration = settings.rest().latencyRun();
        String directRun = tag + "r" + (++steps);
        String gatewayRun = tag + "r" + (++steps);
        OpenLoad directLoad = load(rate, duration);
        OpenLoad gatewayLoad = load(rate, duration);
        CompletableFuture<OpenLoad.Outcome> throughGateway = CompletableFuture.supplyAsync(() -> {
            try {
                return gatewayLoad.run(seq -> viaGateway(BenchCatalogue.REST_TYPE, gatewayRun, seq),
                        settings.rest().grace());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
        OpenLoad.Outcome straight = directLoad.run(seq -> direct(BenchCatalogue.REST_TYPE, directRun, seq),
                settings.rest().grace());
        OpenLoad.Outcome gatewayOutcome = throughGateway.get();
        drain(() -> settling.settled("paired runs"));
        return new Step[] { Step.judge(straight, null, null, Latency.NONE, settings.rest().sustainP99()),
            Step.judge(gatewayOutcome, null, null, Latency.NONE, settings.rest().sustainP99()) };
    }

    /** A step on {@code bench-live-f<F>} through the gateway, every delivery timed; drains before returning. */
    private Step delivered(double rate, Duration duration, DepartmentTopics topics, List<String> departments)
            throws Exception {
        String run = tag + "r" + (++steps);
        OpenLoad load = load(rate, duration);
        ConcurrentHistogram endToEnd = Latency.histogram();
        DeliveryTally tally = new DeliveryTally(run, load.due(), departments,
                (seq, arrival) -> Latency.record(endToEnd, arrival - load.dueNanos(seq)));
        topics.watch(tally);
        try {
            String type = BenchCatalogue.liveType(departments.size());
            OpenLoad.Outcome outcome = load.run(seq -> viaGateway(type, run, seq), settings.rest().grace());
            BitSet accepted = outcome.accepted();
            long graceEnd = load.dueNanos(load.due() - 1) + settings.rest().grace().toNanos();
            while (!tally.completeFor(accepted) && System.nanoTime() < graceEnd) {
                topics.check();
                Thread.sleep(50);
            }
            Step step = Step.judge(outcome, tally.deliveriesOf(accepted),
                    (long) accepted.cardinality() * departments.size(), Latency.of(endToEnd),
                    settings.rest().sustainP99());
            drain(() -> settling.delivered("rest step", tally, accepted, topics));
            return step;
        }
        finally {
            topics.forget(tally);
        }
    }

    private interface Wait {

        void run() throws Exception;
    }

    /** Waits for the platform to drain a step; when it does not in time, no further step is run. */
    private void drain(Wait wait) throws Exception {
        try {
            wait.run();
        }
        catch (Settling.NotSettled e) {
            undrained = e.getMessage();
        }
    }

    private OpenLoad load(double rate, Duration duration) {
        return new OpenLoad(rate, duration, settings.concurrency(), settings.rest().grace());
    }

    private interface Sender {

        CompletableFuture<Integer> send(String type, String run, int seq);
    }

    private CompletableFuture<Integer> direct(String type, String run, int seq) {
        int cadre = seq % catalogue.cadreIds().size();
        Map<String, String> headers = new HashMap<>(identity.cadre(catalogue.cadreIds().get(cadre),
                BenchCatalogue.REGION));
        URI uri = settings.stack().intake().resolve("/api/records/" + type);
        return http.postJsonAsync(uri, headers, shape.record(run, seq));
    }

    /**
     * Waits (30 s at most) until the gateway passes records calls on again: a search that ended above what the
     * platform takes can leave the gateway's circuit breaker to intake open for its wait, and a timed run started
     * then would measure the breaker, not the platform. The probe reads a record that does not exist (404 once the
     * breaker lets it through).
     */
    private void awaitGatewayPassesOn() throws IOException, InterruptedException {
        URI probe = gateway.uri("/api/records/" + BenchCatalogue.REST_TYPE + "/no-such-entity");
        Map<String, String> cadre = Http.bearer(catalogue.cadreKeys().get(0));
        long deadline = System.nanoTime() + BREAKER_PATIENCE.toNanos();
        while (http.get(probe, cadre).status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    private CompletableFuture<Integer> viaGateway(String type, String run, int seq) {
        String key = catalogue.cadreKeys().get(seq % catalogue.cadreKeys().size());
        return http.postJsonAsync(gateway.uri("/api/records/" + type), Http.bearer(key), shape.record(run, seq));
    }
}
