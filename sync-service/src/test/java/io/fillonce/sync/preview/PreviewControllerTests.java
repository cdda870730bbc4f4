package io.fillonce.sync.preview;

import io.fillonce.contracts.Contracts;
import io.fillonce.sync.RegistryEntries.Entry;
import io.fillonce.sync.RegistryEntries;
import io.fillonce.sync.TestSubjects;
import io.fillonce.sync.mapping.FieldHashes;
import io.fillonce.sync.mapping.MappingSettings;
import io.fillonce.sync.registry.RegistryView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.fillonce.identity.TestCallers.caller;
import static io.fillonce.identity.TestCallers.http;
import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest(PreviewController.class)
class PreviewControllerTests {

    private static final String PREVIEW = "/api/registry/subscriptions/sub-civil-affairs-resident/preview";
    private static final String PROPOSAL = "/api/registry/sharing-requests/preview";

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private RegistryView registry;

    @BeforeEach
    void feedTheContractExamples() {
        for (Entry entry : RegistryEntries.civilAffairs()) {
            registry.apply(entry.entry());
        }
    }

    @Test
    void showsTheDepartmentPayloadOfASampleRecord() {
        String record = Contracts.example("records/resident-upserted.json").at("/value/data").toString();

        MvcTestResult result = post(PREVIEW, "ADMIN", record);

        assertThat(result).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"subscription": "sub-civil-affairs-resident", "department": "civil-affairs", "recordType": "resident",
                 "included": true, "reason": null,
                 "payload": %s}
                """.formatted(Contracts.example("departments/civil-affairs-resident.json").get("value")));
    }

    @Test
    void explainsWhichFilterExcludesARecord() {
        MvcTestResult result = post(PREVIEW, "ADMIN", """
                {"idNumber": "371002199001011234", "name": "Sun Li", "gender": "F", "regionCode": "371002"}
                """);

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.included").isEqualTo(false);
        assertThat(result).bodyJson().extractingPath("$.reason").asString()
                .contains("/regionCode starts with \"3706\"");
        assertThat(result).bodyJson().extractingPath("$.payload").isNull();
    }

    @Test
    void saysWhyARecordCannotBeMapped() {
        MvcTestResult result = post(PREVIEW, "ADMIN", """
                {"idNumber": "370602199001011234", "name": "Sun Li", "gender": "X", "regionCode": "370602"}
                """);

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.reason").asString().contains("cannot be mapped");
        assertThat(result).bodyJson().extractingPath("$.payload").isNull();
    }

    @Test
    void answersNotFoundForAnUnknownSubscription() {
        assertThat(post("/api/registry/subscriptions/sub-nope/preview", "ADMIN", "{}")).hasStatus(404)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesSomethingOtherThanAnObject() {
        assertThat(post(PREVIEW, "ADMIN", "[1, 2]")).hasStatus(422).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void isForAdministratorsOnly() {
        assertThat(post(PREVIEW, "DEPARTMENT", "{}")).hasStatus(403);
        assertThat(mvc.post().uri(PREVIEW).contentType(MediaType.APPLICATION_JSON).content("{}")).hasStatus(401);
    }

    @Test
    void showsADepartmentWhatTheSubscriptionItAsksForWouldDeliver() {
        String record = Contracts.example("records/resident-upserted.json").at("/value/data").toString();
        String proposal = """
                {"recordType": "resident", "purpose": "p", "legalBasis": "l", "channels": ["feed"],
                 "fields": {"xm": {"from": "/name"}, "sfzh": {"from": "/idNumber", "transform": "mask"}},
                 "filter": {"field": "/regionCode", "startsWith": "37"}}""";

        MvcTestResult result = mvc.post().uri(PROPOSAL).contentType(MediaType.APPLICATION_JSON)
                .content("{\"proposal\": %s, \"record\": %s}".formatted(proposal, record))
                .headers(http(caller("department:health", "DEPARTMENT", "health", null))).exchange();

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.department").isEqualTo("health");
        assertThat(result).bodyJson().extractingPath("$.included").isEqualTo(true);
        assertThat(result).bodyJson().extractingPath("$.payload.xm").isEqualTo("Li Mei");
        assertThat(result).bodyJson().extractingPath("$.payload.sfzh").asString().contains("*");
    }

    @Test
    void aDepartmentsPreviewHashesUnderAThrowawayKeySoItIsNoOracleForItsRealHashes() {
        String record = "{\"idNumber\": \"370602199001011234\", \"regionCode\": \"370602\"}";
        String proposal = """
                {"recordType": "resident", "purpose": "p", "legalBasis": "l", "channels": ["feed"],
                 "department": "health", "fields": {"h": {"from": "/idNumber", "transform": "hash"}}}""";
        String body = "{\"proposal\": %s, \"record\": %s}".formatted(proposal, record);
        String real = new FieldHashes(new MappingSettings(TestSubjects.HASH_SECRET)).forDepartment("health")
                .hash("370602199001011234");

        MvcTestResult department = mvc.post().uri(PROPOSAL).contentType(MediaType.APPLICATION_JSON).content(body)
                .headers(http(caller("department:health", "DEPARTMENT", "health", null))).exchange();
        MvcTestResult admin = mvc.post().uri(PROPOSAL).contentType(MediaType.APPLICATION_JSON).content(body)
                .headers(http(caller("admin:it", "ADMIN", null, null))).exchange();

        assertThat(department).hasStatusOk().bodyJson().extractingPath("$.payload.h").asString().hasSize(64)
                .isNotEqualTo(real);
        assertThat(admin).hasStatusOk().bodyJson().extractingPath("$.payload.h").isEqualTo(real);
    }

    @Test
    void saysWhichPartOfAProposalCannotBeRead() {
        MvcTestResult result = mvc.post().uri(PROPOSAL).contentType(MediaType.APPLICATION_JSON)
                .content("{\"proposal\": {\"recordType\": \"resident\", \"fields\": {\"xm\": {\"from\": 3}}}, "
                        + "\"record\": {}}")
                .headers(http(caller("department:health", "DEPARTMENT", "health", null))).exchange();
        assertThat(result).hasStatus(422).bodyJson().extractingPath("$.errors[0].pointer").isEqualTo("/proposal");
        assertThat(post(PROPOSAL, "CADRE", "{}")).hasStatus(403);
        assertThat(mvc.post().uri(PROPOSAL).contentType(MediaType.APPLICATION_JSON).content("{\"record\": {}}")
                .headers(http(caller("admin:it", "ADMIN", null, null))).exchange()).hasStatus(422);
    }

    private MvcTestResult post(String uri, String role, String body) {
        return mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(body)
                .headers(http(caller(role.toLowerCase() + ":it", role, null, null)))
                .exchange();
    }

    @TestConfiguration
    static class View {

        @Bean
        RegistryView registryView() {
            return new RegistryView(event -> { }, RegistryEntries.SEALING);
        }

        @Bean
        FieldHashes fieldHashes() {
            return new FieldHashes(new MappingSettings(TestSubjects.HASH_SECRET));
        }
    }
}
