package io.fillonce.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.fillonce.contracts.Contracts;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real embedded Tomcat: what it refuses before any servlet runs is answered as problem+json, not HTML. */
class ContainerErrorsTests {

    private static WebServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        new ContainerErrors().customize(factory);
        server = factory.getWebServer(context -> context.addServlet("ok", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                response.setStatus(request.getRequestURI().endsWith("/gone") ? 410 : 204);
            }
        }).addMapping("/*"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void pathsTomcatRefusesGetAProblemNamingTheRule() throws Exception {
        for (String path : new String[] {"/api/registry/cadres/%00", "/api/registry/cadres/a%2Fb",
                "/api/registry/cadres/%c0%ae", "/api/registry/..%00/x"}) {
            HttpResponse<String> answer = get(path);

            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).get().asString()
                    .startsWith("application/problem+json");
            JsonNode problem = JsonMapper.builder().build().readTree(answer.body());
            assertThat(Contracts.violations(Contracts.PROBLEM, problem)).isEmpty();
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("detail").asString()).contains("percent-encoded UTF-8", "control characters");
        }
    }

    @Test
    void answersOfTheApplicationAreLeftAlone() throws Exception {
        assertThat(get("/api/registry/cadres/c-1").statusCode()).isEqualTo(204);
        HttpResponse<String> gone = get("/api/registry/cadres/gone");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).as("a bare status set by the application is not turned into a problem").isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
