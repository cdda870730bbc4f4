package io.fillonce.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fillonce.gateway.GatewayTestSupport;
import io.fillonce.gateway.PrincipalEntries;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.JsonNode;

/**
 * The authorization matrix (src/test/resources/authorization-matrix.csv): every row's request is sent as every
 * role, each of two departments and anonymously, and the gateway must do exactly what the table says (a status
 * below 400 is one of the gateway's own pages or redirects, a status of 400 or more its own problem). A route or
 * access rule of the running gateway that no row exercises fails the test, so a new route needs new rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIntegrationTests extends GatewayTestSupport {

    private static final Duration CLIENT_PATIENCE = Duration.ofSeconds(15);

    private final Map<String, String> keys = new LinkedHashMap<>();
    private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE);

    record Row(HttpMethod method, String path, Map<String, String> expected) {
    }

    @Autowired
    AccessSettings access;

    @Autowired
    GatewayProperties gateway;

    List<Row> rows;
    WebTestClient client;

    @BeforeAll
    void principals() throws IOException {
        rows = readMatrix();
        // longer than the gateway's own upstream timeout (10 s): an upstream that hangs shows as the gateway's 504
        client = client().mutate().responseTimeout(CLIENT_PATIENCE).build();
        keys.put("ADMIN", "matrix-admin");
        keys.put("CADRE", "matrix-cadre");
        keys.put("DEPT_A", "matrix-civil-affairs");
        keys.put("DEPT_B", "matrix-health");
        keys.put("OPS", "matrix-ops");
        publish(PrincipalEntries.principal("admin:matrix", "ADMIN", keys.get("ADMIN")));
        publish(PrincipalEntries.cadre("c-matrix", keys.get("CADRE"), "370602"));
        publish(PrincipalEntries.department("civil-affairs", keys.get("DEPT_A")));
        publish(PrincipalEntries.department("health", keys.get("DEPT_B")));
        publish(PrincipalEntries.principal("ops:matrix", "OPS", keys.get("OPS")));
        keys.values().forEach(key -> awaitKnown(key, "/api/unknown"));
    }

    @Test
    void everyRoleGetsWhatTheTableSays() {
        SoftAssertions softly = new SoftAssertions();
        for (Row row : rows) {
            row.expected().forEach((who, expected) -> softly.assertThat(outcome(row, keys.get(who)))
                    .as("%s %s as %s", row.method(), row.path(), who).isEqualTo(expected));
        }
        softly.assertAll();
    }

    @Test
    void everyRouteAndEveryAccessRuleHasRows() {
        List<String> uncovered = new ArrayList<>();
        for (RouteDefinition route : gateway.getRoutes()) {
            for (String pattern : pathPatterns(route)) {
                if (rows.stream().noneMatch(row -> matches(pattern, row.path()))) {
                    uncovered.add("route " + route.getId() + " " + pattern);
                }
            }
        }
        AccessRules rules = new AccessRules(access);
        for (AccessRule rule : access.rules()) {
            for (HttpMethod method : rule.methods().isEmpty() ? METHODS : rule.methods()) {
                boolean covered = rows.stream().anyMatch(row -> row.method().equals(method)
                        && rules.ruleFor(PathContainer.parsePath(row.path()), method).filter(rule::equals).isPresent());
                if (!covered) {
                    uncovered.add("rule " + method + " " + rule.pathPattern());
                }
            }
        }
        assertThat(gateway.getRoutes()).isNotEmpty();
        assertThat(uncovered).as("routes and rules without a row in authorization-matrix.csv").isEmpty();
    }

    private String outcome(Row row, String key) {
        WebTestClient.RequestBodySpec request = client.method(row.method()).uri(row.path());
        if (key != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        }
        if (row.method() != HttpMethod.GET && row.method() != HttpMethod.DELETE) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        EntityExchangeResult<byte[]> result;
        try {
            result = request.exchange().expectBody().returnResult();
        }
        catch (IllegalStateException noAnswer) { // named in the soft assertion's failure instead of ending the test
            return "no answer within " + CLIENT_PATIENCE + ": " + noAnswer.getMessage();
        }
        HttpHeaders headers = result.getResponseHeaders();
        if ("1".equals(headers.getFirst("X-Echo")) || isUpstreamUnavailable(result)) {
            return "FWD";
        }
        if (result.getStatus().value() < 400) {
            return Integer.toString(result.getStatus().value());
        }
        assertThat(headers.getContentType()).as("the gateway's own answer to %s %s", row.method(), row.path())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return Integer.toString(result.getStatus().value());
    }

    private static boolean isUpstreamUnavailable(EntityExchangeResult<byte[]> result) {
        if (result.getStatus().value() != 503 || result.getResponseBodyContent() == null) {
            return false;
        }
        JsonNode problem = JSON.readTree(result.getResponseBodyContent());
        return problem.path("type").asString("").endsWith("/upstream-unavailable");
    }

    private static List<String> pathPatterns(RouteDefinition route) {
        return route.getPredicates().stream().filter(predicate -> predicate.getName().equals("Path"))
                .map(PredicateDefinition::getArgs).flatMap(args -> args.values().stream())
                .flatMap(value -> List.of(value.split(",")).stream()).map(String::strip).toList();
    }

    private static boolean matches(String pattern, String path) {
        return PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path));
    }

    private static List<Row> readMatrix() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = AuthorizationMatrixIntegrationTests.class.getResourceAsStream("/authorization-matrix.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
            String[] header = lines.get(0).split(",");
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                assertThat(cells).as(line).hasSameSizeAs(header);
                Map<String, String> expected = new LinkedHashMap<>();
                for (int i = 2; i < header.length; i++) {
                    expected.put(header[i], cells[i]);
                }
                rows.add(new Row(HttpMethod.valueOf(cells[0]), cells[1], expected));
            }
        }
        assertThat(rows).isNotEmpty();
        return rows;
    }
}
