package io.fillonce.bench;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/monitoring, proved with Prometheus's own promtool: the alert rules load, fire and stay quiet as their unit
 * tests (fillonce-alerts.test.yml) expect, the example Prometheus configuration loads with them, and the dashboard's
 * queries parse. Without promtool on the PATH those tests are skipped, unless CI=true, where they fail. Without it
 * too: every alert has its severity, summary and description and a unit test where it fires and one where it stays
 * quiet, and the rules and the Grafana dashboard query only meters the services register ({@link #CATALOGUE}).
 */
class AlertRulesTests {

    static final Path ROOT = Path.of(System.getProperty("fillonce.root", ".."));

    static final String RULES = "deploy/monitoring/fillonce-alerts.yml";

    static final String RULE_TESTS = "deploy/monitoring/fillonce-alerts.test.yml";

    static final String PROMETHEUS_CONFIG = "deploy/monitoring/prometheus.yml";

    static final String DASHBOARD = "deploy/monitoring/grafana-dashboard.json";

    /** The services' meters as Prometheus names them (histograms without _bucket, _count and _sum). */
    static final Set<String> CATALOGUE = Set.of("fillonce_records_received_total", "fillonce_records_rejected_total",
            "fillonce_events_published_total", "fillonce_relay_backlog", "fillonce_relay_oldest_seconds",
            "fillonce_gateway_refused_total", "fillonce_registry_view_age_seconds",
            "fillonce_registry_entries_published_total", "fillonce_registry_publish_backlog",
            "fillonce_fanout_records_total", "fillonce_fanout_running", "fillonce_fanout_dead_letters_total",
            "fillonce_deliveries_total",
            "fillonce_consumer_lag_messages", "fillonce_consumer_lag_seconds", "fillonce_consumer_running",
            "fillonce_webhook_latency_seconds", "resilience4j_circuitbreaker_state", "fillonce_dead_letters_open",
            "fillonce_department_failing",
            "fillonce_parked_entities", "fillonce_jobs_running", "fillonce_job_progress", "fillonce_audit_chain_length",
            "fillonce_audit_verification_failed");

    static final Pattern METRIC = Pattern.compile("\\b(?:fillonce|resilience4j)_[a-z_]+");

    /**
     * Every alert with its severity and pending period: those the in-service evaluator raises too, with the same
     * ones, and FillOnceRecordsDeadLettered, Prometheus's only (it counts over an hour of every instance's counter).
     */
    static final Map<String, Alert> ALERTS = Map.of("FillOnceDepartmentFailing", new Alert("critical", "2m"),
            "FillOnceDepartmentLagging", new Alert("warning", "5m"), "FillOnceRelayBacklogGrowing",
            new Alert("warning", "5m"), "FillOnceRelayStuck", new Alert("critical", "2m"), "FillOnceFanOutStopped",
            new Alert("critical", "1m"), "FillOnceConsumerStopped", new Alert("critical", "2m"),
            "FillOnceAuditVerificationFailing", new Alert("critical", "0m"), "FillOnceRecordsDeadLettered",
            new Alert("warning", "0m"));

    /** Panels Grafana ships with: the dashboard needs no plugin installed. */
    static final Set<String> CORE_PANELS = Set.of("row", "timeseries", "stat", "state-timeline", "gauge", "bargauge",
            "table", "text", "heatmap");

    static final Duration PROMTOOL_TIMEOUT = Duration.ofMinutes(1);

    record Alert(String severity, String pendingFor) {
    }

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        promtool("check", "rules", RULES);
    }

    @Test
    void everyAlertFiresAndStaysQuietAsItsPromtoolUnitTestsExpect() throws Exception {
        promtool("test", "rules", RULE_TESTS);
    }

    @Test
    void promtoolAcceptsTheExampleConfigurationAndTheRulesItLoads() throws Exception {
        promtool("check", "config", PROMETHEUS_CONFIG);
    }

    @Test
    void everyDashboardQueryParsesAsPromQl() throws Exception {
        List<Map<String, String>> rules = new ArrayList<>();
        for (String query : panelQueries(dashboard())) {
            // Grafana's variables: the intervals become a duration, $department (only ever a regex) matches all
            String promql = query.replaceAll("\\$__(rate_interval|interval|range)", "5m").replaceAll("\\$\\w+", ".*");
            rules.add(Map.of("record", "dashboard:query_" + rules.size(), "expr", promql));
        }
        Path file = Files.createTempFile("dashboard-queries", ".yml");
        try {
            Files.writeString(file, new Yaml().dump(Map.of("groups", List.of(Map.of("name", "dashboard",
                    "rules", rules)))));
            promtool("check", "rules", file.toString());
        }
        finally {
            Files.delete(file);
        }
    }

    @Test
    void everyAlertHasItsSeverityPendingPeriodSummaryAndDescription() throws IOException {
        Map<String, Alert> found = new HashMap<>();
        for (Map<String, Object> rule : rules()) {
            String name = (String) rule.get("alert");
            found.put(name, new Alert((String) map(rule.get("labels")).get("severity"), (String) rule.get("for")));
            assertThat(map(rule.get("annotations"))).as(name).containsOnlyKeys("summary", "description")
                    .allSatisfy((key, text) -> assertThat((String) text).as(name + " " + key).isNotBlank());
        }
        assertThat(found).isEqualTo(ALERTS);
    }

    @Test
    void everyAlertHasAUnitTestWhereItFiresAndOneWhereItStaysQuiet() throws IOException {
        Set<String> fires = new TreeSet<>();
        Set<String> staysQuiet = new TreeSet<>();
        for (Map<String, Object> test : maps(document(RULE_TESTS).get("tests"))) {
            for (Map<String, Object> check : maps(test.get("alert_rule_test"))) {
                boolean expectsAlerts = !list(check.get("exp_alerts")).isEmpty();
                (expectsAlerts ? fires : staysQuiet).add((String) check.get("alertname"));
            }
        }
        assertThat(fires).as("alerts a unit test sees firing").containsExactlyInAnyOrderElementsOf(ALERTS.keySet());
        assertThat(staysQuiet).as("alerts a unit test sees quiet").containsExactlyInAnyOrderElementsOf(ALERTS.keySet());
    }

    @Test
    void alertRulesQueryOnlyCataloguedMetrics() throws IOException {
        assertThat(metrics(alertExpressions())).isNotEmpty().allSatisfy(AlertRulesTests::assertCatalogued);
    }

    @Test
    void dashboardQueriesOnlyCataloguedMetricsAndShowsWhatEveryAlertWatches() throws IOException {
        JsonNode dashboard = dashboard();
        List<String> queries = new ArrayList<>(panelQueries(dashboard));
        // label_values(<metric>, <label>), Grafana's, not PromQL
        dashboard.get("templating").get("list").values().stream()
                .filter(variable -> variable.get("type").asString().equals("query"))
                .map(variable -> variable.get("query"))
                .forEach(query -> queries.add(query.isString() ? query.asString() : query.get("query").asString()));
        Set<String> shown = metrics(queries);
        shown.forEach(AlertRulesTests::assertCatalogued);
        assertThat(shown).as("metrics the dashboard shows").containsAll(metrics(alertExpressions()));
    }

    @Test
    void dashboardIsSchema39WithCorePanelsThePrometheusInputAndADepartmentVariable() throws IOException {
        JsonNode dashboard = dashboard();
        assertThat(dashboard.get("schemaVersion").asInt()).isEqualTo(39);
        assertThat(dashboard.get("__inputs").values()).anySatisfy(input -> {
            assertThat(input.get("name").asString()).isEqualTo("DS_PROMETHEUS");
            assertThat(input.get("pluginId").asString()).isEqualTo("prometheus");
        });
        assertThat(dashboard.get("templating").get("list").values()).extracting(variable -> variable.get("name")
                .asString()).contains("DS_PROMETHEUS", "department");
        for (JsonNode panel : panels(dashboard)) {
            String title = panel.get("title").asString();
            assertThat(panel.get("type").asString()).as(title).isIn(CORE_PANELS);
            if (!panel.get("type").asString().equals("row")) {
                Stream.concat(Stream.of(panel), panel.get("targets").values().stream())
                        .forEach(node -> assertThat(node.path("datasource").path("uid").asString()).as(title)
                                .isEqualTo("${DS_PROMETHEUS}"));
            }
        }
    }

    /**
     * Runs promtool in the repository's root and asserts it exits 0, showing its output otherwise. Skipped without
     * promtool on the PATH, failed instead when CI=true (.ci/run installs it: Debian's prometheus package).
     */
    private static void promtool(String... arguments) throws IOException, InterruptedException {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(directory -> !directory.isEmpty() && Files.isExecutable(Path.of(directory, "promtool")));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(found).as("CI must install promtool, Debian's prometheus (.ci/run does)").isTrue();
        }
        assumeTrue(found, "promtool is not on the PATH (Debian: apt-get install prometheus)");
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("promtool", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(PROMTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                fail("%s did not finish within %s:%n%s", command, PROMTOOL_TIMEOUT, Files.readString(output));
            }
            assertThat(process.exitValue()).as("%s exited %d:%n%s", command, process.exitValue(),
                    Files.readString(output)).isZero();
        }
        finally {
            Files.delete(output);
        }
    }

    private static void assertCatalogued(String metric) {
        assertThat(CATALOGUE.contains(metric) || CATALOGUE.contains(metric.replaceFirst("_(bucket|count|sum)$", "")))
                .as("%s is a meter the services register", metric).isTrue();
    }

    private static Set<String> metrics(List<String> expressions) {
        Set<String> metrics = new TreeSet<>();
        for (String expression : expressions) {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                metrics.add(matcher.group());
            }
        }
        return metrics;
    }

    /** Every panel's PromQL, also that of panels in collapsed rows. */
    private static List<String> panelQueries(JsonNode dashboard) {
        List<String> queries = panels(dashboard).stream().flatMap(panel -> panel.path("targets").values().stream())
                .map(target -> target.get("expr").asString()).toList();
        assertThat(queries).as("the dashboard's queries").isNotEmpty();
        return queries;
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels").values()) {
            panels.add(panel);
            panels.addAll(panel.path("panels").values());
        }
        return panels;
    }

    private static JsonNode dashboard() throws IOException {
        return JsonMapper.builder().build().readTree(ROOT.resolve(DASHBOARD));
    }

    private static List<Map<String, Object>> rules() throws IOException {
        List<Map<String, Object>> groups = maps(document(RULES).get("groups"));
        assertThat(groups).extracting(group -> group.get("name")).containsExactly("fillonce");
        return maps(groups.get(0).get("rules"));
    }

    private static List<String> alertExpressions() throws IOException {
        return rules().stream().map(rule -> (String) rule.get("expr")).toList();
    }

    private static Map<String, Object> document(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(file))) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}
