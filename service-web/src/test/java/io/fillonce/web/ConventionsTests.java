package io.fillonce.web;

import io.fillonce.identity.TestCallers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.fillonce.web.WebTestApplication.THINGS;
import static org.assertj.core.api.Assertions.assertThat;

/** What every servlet service answers alike: problems naming the field and the rule, and one way of paging. */
@SpringBootTest
@AutoConfigureMockMvc
class ConventionsTests {

    @Autowired
    private MockMvcTester mvc;

    @Test
    void pagesByLimitAndTheCursorOfThePageBefore() {
        assertThat(get(THINGS + "?limit=2")).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"items\": [\"t-1\", \"t-2\"], \"next\": \"t-2\"}");
        assertThat(get(THINGS + "?limit=2&after=t-4")).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("{\"items\": [\"t-5\"], \"next\": null}");
        assertThat(get(THINGS)).hasStatusOk().bodyJson().extractingPath("$.items.length()").isEqualTo(5);
    }

    @Test
    void answersABadPagingParameterWith400NamingItAndTheRule() {
        problem(get(THINGS + "?limit=0"), 400, "invalid-parameter", "limit", "minimum");
        problem(get(THINGS + "?limit=" + (Paging.MAX_LIMIT + 1)), 400, "invalid-parameter", "limit", "maximum");
        problem(get(THINGS + "?limit=ten"), 400, "invalid-parameter", "limit", "type");
    }

    @Test
    void answersAMissingOrMistypedParameterWith400NamingIt() {
        problem(get(THINGS + "/count"), 400, "invalid-parameter", "atLeast", "required");
        problem(get(THINGS + "/count?atLeast=many"), 400, "invalid-parameter", "atLeast", "type");
    }

    @Test
    void answersABodyOfTheWrongShapeWith422PointingIntoIt() {
        problem(post("{\"name\": \"a\", \"count\": \"three\"}", MediaType.APPLICATION_JSON), 422, "validation",
                "/count", "type");
        problem(post("{\"name\": 7, \"count\": 3}", MediaType.APPLICATION_JSON), 422, "validation", "/name", "type");
        assertThat(post("{\"name\": \"a\", \"count\": 3}", MediaType.APPLICATION_JSON)).hasStatusOk().bodyJson()
                .extractingPath("$.name").isEqualTo("a by admin:it");
    }

    @Test
    void answersABodyThatIsNotJsonWith400() {
        assertThat(post("{\"name\": ", MediaType.APPLICATION_JSON)).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson().extractingPath("$.type")
                .isEqualTo(ProblemResponses.TYPES + "malformed-body");
    }

    @Test
    void answersAWrongMethodOrMediaTypeAsAProblem() {
        assertThat(post("name=a", MediaType.APPLICATION_FORM_URLENCODED)).hasStatus(415)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.delete().uri(THINGS).headers(TestCallers.http(TestCallers.admin())).exchange())
                .hasStatus(405).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void namesTheDataStoreWhenItDoesNotAnswer() {
        MvcTestResult stored = get(THINGS + "/stored");
        assertThat(stored).hasStatus(503).hasHeader(HttpHeaders.RETRY_AFTER, "2")
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(stored).bodyJson().extractingPath("$.detail").asString().contains("data store did not answer");
    }

    @Test
    void answersNoIdentityWith401AndAWrongRoleWith403() {
        assertThat(mvc.get().uri(THINGS).exchange()).hasStatus(401).bodyJson().extractingPath("$.type")
                .isEqualTo(ProblemResponses.TYPES + "unauthenticated");
        assertThat(mvc.get().uri(THINGS).headers(TestCallers.http(TestCallers.ops())).exchange()).hasStatus(403)
                .bodyJson().extractingPath("$.type").isEqualTo(ProblemResponses.TYPES + "forbidden");
    }

    private MvcTestResult get(String uri) {
        return mvc.get().uri(uri).headers(TestCallers.http(TestCallers.admin())).exchange();
    }

    private MvcTestResult post(String body, MediaType type) {
        return mvc.post().uri(THINGS).contentType(type).content(body).headers(TestCallers.http(TestCallers.admin()))
                .exchange();
    }

    private static void problem(MvcTestResult result, int status, String type, String pointer, String rule) {
        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                .extractingPath("$.type").isEqualTo(ProblemResponses.TYPES + type);
        assertThat(result).bodyJson().extractingPath("$.errors[0].pointer").isEqualTo(pointer);
        assertThat(result).bodyJson().extractingPath("$.errors[0].rule").isEqualTo(rule);
        assertThat(result).bodyJson().extractingPath("$.errors[0].message").asString().isNotBlank();
    }
}
