package io.fillonce.sync.flow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fillonce.sync.audit.AuditWatch;
import io.fillonce.sync.system.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Evaluates the alert rules every {@code fillonce.sync.alerts.every} on every instance, from what the whole
 * cluster shares (the flows, Kafka's consumer groups, intake's relay figures, the audit chain), so any instance
 * comes to the same alerts. An alert is a document in {@value #ALERTS} from the evaluation that first found its
 * condition ({@code since}, kept while the condition holds) until one that finds it gone; a rule whose figures
 * could not be read this time (intake away, say) keeps its alerts as they are. The same rules, with the same
 * defaults, are deploy/monitoring/fillonce-alerts.yml for Prometheus.
 */
@Component
public class AlertWatch extends PeriodicTask {

    static final String ALERTS = "alerts";
    static final String DEPARTMENT_FAILING = "FillOnceDepartmentFailing";
    static final String DEPARTMENT_LAGGING = "FillOnceDepartmentLagging";
    static final String RELAY_BACKLOG_GROWING = "FillOnceRelayBacklogGrowing";
    static final String RELAY_STUCK = "FillOnceRelayStuck";
    static final String FAN_OUT_STOPPED = "FillOnceFanOutStopped";
    static final String CONSUMER_STOPPED = "FillOnceConsumerStopped";
    static final String AUDIT_VERIFICATION_FAILING = "FillOnceAuditVerificationFailing";
    private static final String CRITICAL = "critical";
    private static final String WARNING = "warning";
    private static final Logger log = LoggerFactory.getLogger(AlertWatch.class);

    private final Flows flows;
    private final LagWatch lags;
    private final AuditWatch audit;
    private final AlertSettings settings;
    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Clock clock = Clock.systemUTC();
    private final Map<String, AlertsView.Rule> rules = new LinkedHashMap<>();
    private final MultiGauge deadLetterGauge;
    private final MultiGauge parkedGauge;
    private final MultiGauge failingGauge;
    private Double previousBacklog;

    AlertWatch(Flows flows, LagWatch lags, AuditWatch audit, AlertSettings settings, MongoTemplate mongo,
            JsonMapper json, MeterRegistry meters) {
        super("alert-watch", settings.every(), settings.every());
        this.flows = flows;
        this.deadLetterGauge = MultiGauge.builder("fillonce.dead.letters.open")
                .description("open webhook dead letters per department").register(meters);
        this.parkedGauge = MultiGauge.builder("fillonce.parked.entities")
                .description("entities whose webhook deliveries wait behind a dead letter, per department")
                .register(meters);
        this.failingGauge = MultiGauge.builder("fillonce.department.failing")
                .description("1 while the department's last news on the channel is a dead letter").register(meters);
        this.lags = lags;
        this.audit = audit;
        this.settings = settings;
        this.mongo = mongo;
        this.json = json;
        rule(DEPARTMENT_FAILING, CRITICAL, settings.failingFor(),
                "an open dead letter newer than the channel's last delivery");
        rule(DEPARTMENT_LAGGING, WARNING, settings.laggingFor(), "oldest unread message > "
                + format(settings.lagSeconds()) + " s");
        rule(RELAY_BACKLOG_GROWING, WARNING, settings.relayBacklogFor(), "relay backlog > "
                + settings.relayBacklog() + " and growing");
        rule(RELAY_STUCK, CRITICAL, settings.relayStuckFor(), "oldest unpublished event > "
                + format(settings.relayOldestSeconds()) + " s");
        rule(FAN_OUT_STOPPED, CRITICAL, settings.fanOutStoppedFor(), "no instance runs the fan-out");
        rule(CONSUMER_STOPPED, CRITICAL, settings.consumerStoppedFor(), "a webhook worker has stopped");
        rule(AUDIT_VERIFICATION_FAILING, CRITICAL, Duration.ZERO, "the audit chain does not verify");
    }

    private void rule(String name, String severity, Duration forDuration, String threshold) {
        rules.put(name, new AlertsView.Rule(name, severity, forDuration.toString(), threshold));
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** A condition found by one evaluation. */
    record Finding(String rule, Map<String, String> labels, String summary) {

        String id() {
            StringBuilder id = new StringBuilder(rule);
            labels.values().forEach(value -> id.append('|').append(value));
            return id.toString();
        }
    }

    /** The open alerts and the rules. */
    public AlertsView view() {
        Instant now = clock.instant();
        List<AlertsView.Alert> alerts = new ArrayList<>();
        for (Document stored : mongo.findAll(Document.class, ALERTS)) {
            AlertsView.Rule rule = rules.get(stored.getString("rule"));
            if (rule == null) {
                continue;
            }
            Instant since = stored.getDate("since").toInstant();
            Instant firing = since.plus(rule.pending());
            Map<String, String> labels = new LinkedHashMap<>();
            Document storedLabels = stored.get("labels", Document.class);
            if (storedLabels != null) {
                storedLabels.forEach((name, value) -> labels.put(name, String.valueOf(value)));
            }
            boolean fires = !firing.isAfter(now);
            alerts.add(new AlertsView.Alert(stored.getString("_id"), rule.rule(), rule.severity(),
                    fires ? AlertsView.State.FIRING : AlertsView.State.PENDING, since, fires ? firing : null,
                    stored.getString("summary"), labels));
        }
        alerts.sort(Comparator.comparing(AlertsView.Alert::since).thenComparing(AlertsView.Alert::id));
        return new AlertsView(alerts, List.copyOf(rules.values()));
    }

    /** One evaluation of every rule. */
    @Override
    protected void runOnce() {
        try {
            Map<String, List<Finding>> found = new LinkedHashMap<>();
            departments(found);
            relay(found);
            if (Boolean.FALSE.equals(lags.fanOutRunning())) {
                found.put(FAN_OUT_STOPPED, List.of(new Finding(FAN_OUT_STOPPED, Map.of(),
                        "no sync instance runs the fan-out: nothing reaches any department")));
            }
            else if (lags.fanOutRunning() != null) {
                found.put(FAN_OUT_STOPPED, List.of());
            }
            if (audit.failed() != null) {
                found.put(AUDIT_VERIFICATION_FAILING, audit.failed() ? List.of(new Finding(AUDIT_VERIFICATION_FAILING,
                        Map.of(), "the audit chain does not verify: " + audit.problem())) : List.of());
            }
            store(found);
        }
        catch (RuntimeException e) {
            log.warn("Could not evaluate the alert rules: {}", e.toString());
        }
    }

    private void departments(Map<String, List<Finding>> found) {
        List<Finding> failing = new ArrayList<>();
        List<Finding> lagging = new ArrayList<>();
        FlowsView view = flows.view();
        gauges(view);
        Map<String, FlowsView.Flow> worst = new TreeMap<>(); // per department and channel, whichever type shows it
        view.flows().forEach(flow -> worst.merge(flow.department() + "|" + flow.channel(), flow,
                (a, b) -> b.health().compareTo(a.health()) > 0 ? b : a));
        for (FlowsView.Flow flow : worst.values()) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("department", flow.department());
            labels.put("channel", flow.channel());
            if (flow.health() == FlowsView.Health.FAILING) {
                failing.add(new Finding(DEPARTMENT_FAILING, labels, flow.department() + "'s " + flow.channel()
                        + " is failing: deliveries are dead-lettered and none went through"));
            }
            else if (flow.health() == FlowsView.Health.LAGGING) {
                lagging.add(new Finding(DEPARTMENT_LAGGING, labels, flow.department() + "'s " + flow.channel()
                        + " is " + Math.round(flow.lagSeconds()) + " s (" + flow.lagMessages() + " messages) behind"));
            }
        }
        found.put(DEPARTMENT_FAILING, failing);
        found.put(DEPARTMENT_LAGGING, lagging);
        List<Finding> stopped = new ArrayList<>();
        lags.lags().values().stream().filter(lag -> lag.channel().equals("webhook") && !lag.running())
                .sorted(Comparator.comparing(ChannelLag::department))
                .forEach(lag -> stopped.add(new Finding(CONSUMER_STOPPED, Map.of("department", lag.department(),
                        "channel", "webhook"), "the webhook worker of " + lag.department() + " is not running")));
        found.put(CONSUMER_STOPPED, stopped);
    }

    /** One department's channel (topic, webhook, feed): a row of {@code fillonce.department.failing}. */
    private record DepartmentChannel(String department, String channel) {
    }

    /**
     * As of this look: {@code fillonce.department.failing} (1 while a department's channel is FAILING, the condition
     * of {@value #DEPARTMENT_FAILING}), {@code fillonce.dead.letters.open} and {@code fillonce.parked.entities} per
     * department.
     */
    private void gauges(FlowsView view) {
        Map<String, Long> dead = new TreeMap<>();
        Map<String, Long> parked = new TreeMap<>();
        view.flows().forEach(flow -> {
            dead.merge(flow.department(), flow.failed(), Long::sum);
            parked.merge(flow.department(), flow.parked(), Long::sum);
        });
        Map<DepartmentChannel, Integer> failing = new TreeMap<>(Comparator.comparing(DepartmentChannel::department)
                .thenComparing(DepartmentChannel::channel));
        view.flows().forEach(flow -> failing.merge(new DepartmentChannel(flow.department(), flow.channel()),
                flow.health() == FlowsView.Health.FAILING ? 1 : 0, Math::max));
        failingGauge.register(failing.entrySet().stream().map(entry -> MultiGauge.Row.of(Tags.of("department",
                entry.getKey().department(), "channel", entry.getKey().channel()), entry.getValue())).toList(), true);
        deadLetterGauge.register(dead.entrySet().stream().map(entry -> MultiGauge.Row.of(Tags.of("department",
                entry.getKey()), entry.getValue())).toList(), true);
        parkedGauge.register(parked.entrySet().stream().map(entry -> MultiGauge.Row.of(Tags.of("department",
                entry.getKey()), entry.getValue())).toList(), true);
    }

    /** intake's relay figures from its actuator; when intake cannot be read, its rules are left as they are. */
    private void relay(Map<String, List<Finding>> found) {
        Double backlog = intakeGauge("fillonce.relay.backlog");
        Double oldest = intakeGauge("fillonce.relay.oldest");
        if (backlog != null) {
            boolean growing = previousBacklog != null && backlog > previousBacklog;
            previousBacklog = backlog;
            found.put(RELAY_BACKLOG_GROWING, backlog > settings.relayBacklog() && growing
                    ? List.of(new Finding(RELAY_BACKLOG_GROWING, Map.of(), "intake's relay backlog is "
                            + Math.round(backlog) + " events and growing")) : List.of());
        }
        if (oldest != null) {
            found.put(RELAY_STUCK, oldest > settings.relayOldestSeconds()
                    ? List.of(new Finding(RELAY_STUCK, Map.of(), "intake's oldest unpublished event waits for "
                            + Math.round(oldest) + " s")) : List.of());
        }
    }

    private Double intakeGauge(String name) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(settings.intakeUrl()
                    + "/actuator/metrics/" + name)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return null;
            }
            JsonNode value = json.readTree(answer.body()).path("measurements").path(0).path("value");
            return value.isNumber() ? value.doubleValue() : null;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        catch (Exception e) {
            log.debug("Could not read {} from intake: {}", name, e.toString());
            return null;
        }
    }

    /** Opens what is new (since now), keeps what still holds, closes what is gone, rule by rule evaluated. */
    private void store(Map<String, List<Finding>> found) {
        Date now = Date.from(clock.instant());
        for (Map.Entry<String, List<Finding>> rule : found.entrySet()) {
            List<String> ids = new ArrayList<>();
            for (Finding finding : rule.getValue()) {
                ids.add(finding.id());
                mongo.upsert(Query.query(Criteria.where("_id").is(finding.id())), new Update()
                        .setOnInsert("since", now).set("rule", finding.rule()).set("labels", finding.labels())
                        .set("summary", finding.summary()), ALERTS);
            }
            mongo.remove(Query.query(Criteria.where("rule").is(rule.getKey()).and("_id").nin(ids)), ALERTS);
        }
    }
}
