package io.fillonce.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fillonce.contracts.Contracts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * 2,000 generated hostile requests through the gateway (jqwik generators; a failure lists the exact requests).
 * Every answer is either forwarded (the echo service answered, or the circuit breaker said the
 * sync service is down) or the gateway's own 4xx problem+json; never a 5xx the gateway made up, never a bare error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIntegrationTests extends GatewayTestSupport {

    private static final int REQUESTS = 2_000;
    private static final List<String> KEYS = List.of("hostile-admin", "hostile-cadre", "hostile-civil-affairs", "hostile-ops");

    @BeforeAll
    void principals() {
        publish(PrincipalEntries.principal("admin:hostile", "ADMIN", KEYS.get(0)));
        publish(PrincipalEntries.cadre("c-hostile", KEYS.get(1), "370602"));
        publish(PrincipalEntries.department("civil-affairs", KEYS.get(2)));
        publish(PrincipalEntries.principal("ops:hostile", "OPS", KEYS.get(3)));
        KEYS.forEach(key -> awaitKnown(key, "/api/unknown"));
    }

    @Test
    void everyAnswerIsForwardedOrA4xxProblem() throws Exception {
        List<RawHttp.Request> requests = HostileRequests.requests(KEYS).sampleStream().limit(REQUESTS).toList();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            RawHttp.Request request = requests.get(i);
            RawHttp.Response response = RawHttp.send(port, request);
            String outcome = classify(request, response);
            outcomes.merge(outcome, 1, Integer::sum);
            if (outcome.startsWith("BAD") && failures.size() < 20) {
                failures.add("#" + i + " " + outcome + " <- " + request);
            }
        }

        assertThat(requests).hasSize(REQUESTS);
        assertThat(failures).as("outcomes %s", outcomes).isEmpty();
        // about a tenth of the random sample passes every gate (192 to ~240 seen); enough of them to check the
        // services' answers too, without a bound that sits on the mean
        assertThat(outcomes.getOrDefault("forwarded", 0)).as("outcomes %s", outcomes).isGreaterThan(100);
        assertThat(outcomes).as("the generator reaches every gate").containsKeys("400", "401", "404", "413", "431");
    }

    /** An independent oracle for the services' Tomcat: a decoded path with a control character, or non-UTF-8. */
    private static boolean refusedByServletContainers(String target) {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        byte[] decoded;
        try {
            decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.ISO_8859_1)
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        catch (IllegalArgumentException notDecodable) {
            return false; // refused earlier, as an invalid URI
        }
        for (byte b : decoded) {
            if ((b >= 0 && b < 0x20) || b == 0x7F) {
                return true;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(decoded));
            return false;
        }
        catch (CharacterCodingException notUtf8) {
            return true;
        }
    }

    private static String classify(RawHttp.Request request, RawHttp.Response response) {
        if ("1".equals(response.header("X-Echo"))) {
            return refusedByServletContainers(request.target())
                    ? "BAD forwarded a target a service's Tomcat would refuse with HTML" : "forwarded";
        }
        if (request.method().equals("HEAD")) {
            return response.status() >= 400 && response.status() < 500 ? Integer.toString(response.status())
                    : "BAD " + response.status() + " to HEAD";
        }
        String type = response.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "BAD " + response.status() + " not a problem: " + type;
        }
        JsonNode problem = JSON.readTree(response.body());
        if (!Contracts.violations(Contracts.PROBLEM, problem).isEmpty()) {
            return "BAD problem does not match the contract: " + problem;
        }
        if (response.status() == 503 && problem.path("type").asString("").endsWith("/upstream-unavailable")) {
            return "forwarded";
        }
        if (response.status() < 400 || response.status() >= 500) {
            return "BAD " + response.status() + " " + problem;
        }
        return Integer.toString(response.status());
    }
}
