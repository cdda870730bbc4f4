package io.fillonce.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.fillonce.web.WebTestApplication.THINGS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document states the convention: each operation's problems, a list's paging, and the security scheme
 * the gateway's /docs UI authorises with; the verified caller is not a parameter a client sends.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApiDocumentationTests {

    @Autowired
    private MockMvcTester mvc;

    @Test
    void declaresTheGatewaysApiKeyAsTheSecurityOfEveryOperation() {
        MvcTestResult docs = docs();
        assertThat(docs).bodyJson().extractingPath("$.components.securitySchemes.gateway-api-key.scheme")
                .isEqualTo("bearer");
        assertThat(docs).bodyJson().extractingPath("$.paths['" + THINGS + "'].post.security[0]")
                .asMap().containsKey("gateway-api-key");
    }

    @Test
    void declaresTheProblemsOfEachOperation() {
        MvcTestResult docs = docs();
        assertThat(docs).bodyJson().extractingPath("$.paths['" + THINGS + "'].post.responses").asMap()
                .containsKeys("401", "403", "415", "422", "503").doesNotContainKey("400");
        assertThat(docs).bodyJson().extractingPath("$.paths['" + THINGS + "'].get.responses").asMap()
                .containsKeys("400", "401", "403", "503").doesNotContainKey("422");
        assertThat(docs).bodyJson()
                .extractingPath("$.paths['" + THINGS + "'].post.responses.422.content['application/problem+json']"
                        + ".schema.$ref").isEqualTo("#/components/schemas/Problem");
        assertThat(docs).bodyJson().extractingPath("$.components.schemas.Problem.properties.errors.items.required")
                .asList().containsExactlyInAnyOrder("pointer", "message");
    }

    @Test
    void documentsPagingAndHidesTheVerifiedCaller() {
        MvcTestResult docs = docs();
        assertThat(docs).bodyJson().extractingPath("$.paths['" + THINGS + "'].get.parameters[*].name").asList()
                .containsExactly(Paging.LIMIT, Paging.AFTER);
        assertThat(docs).bodyJson().doesNotHavePath("$.paths['" + THINGS + "'].post.parameters");
    }

    private MvcTestResult docs() {
        MvcTestResult docs = mvc.get().uri("/v3/api-docs").exchange();
        assertThat(docs).hasStatusOk();
        return docs;
    }
}
