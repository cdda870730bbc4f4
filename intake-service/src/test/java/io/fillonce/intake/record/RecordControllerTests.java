package io.fillonce.intake.record;

import static io.fillonce.identity.TestCallers.admin;
import static io.fillonce.identity.TestCallers.cadre;
import static io.fillonce.identity.TestCallers.http;
import static io.fillonce.identity.TestCallers.ops;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;

import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.Residents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(controllers = RecordController.class, properties = "fillonce.intake.max-record-bytes=512B")
@Import({ Submissions.class, RecordBodies.class, RecordMapperImpl.class, JsonText.class, RecordVersions.class,
        IdempotencyKeys.class, NextVersion.class, RecordEvents.class })
@EnableConfigurationProperties(IntakeProperties.class)
class RecordControllerTests extends RecordSlice {

    private static final String ID_NUMBER = "370602199001011234";

    @BeforeEach
    void knowsNoVehicleType() {
        given(types.find("vehicle")).willReturn(Optional.empty());
    }

    @Test
    void storesTheFirstVersionAndAnswersCreated() throws Exception {
        submit(Residents.type().name(), Residents.record(ID_NUMBER).toString())
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/records/resident/" + ID_NUMBER))
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.recordId").value(startsWith("rec-")))
                .andExpect(jsonPath("$.type").value("resident"))
                .andExpect(jsonPath("$.entityKey").value(ID_NUMBER))
                .andExpect(jsonPath("$.version").value(1));
        InOrder order = inOrder(outbox, records);
        order.verify(outbox).claim(any(), eq(List.of("resident/" + ID_NUMBER)), eq(1));
        order.verify(records).save(any(RecordDocument.class));
        order.verify(outbox).written(any(), argThat(written -> written.size() == 1
                && written.get(0).pendingEvents().get(0).claim() != null), eq(false));
    }

    @Test
    void answersOkWithoutNewVersionForIdenticalData() throws Exception {
        ObjectNode record = Residents.record(ID_NUMBER);
        given(records.findById("resident/" + ID_NUMBER)).willReturn(Optional.of(stored(record, 3)));

        submit("resident", record.toString())
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"3\""))
                .andExpect(jsonPath("$.version").value(3));
        then(records).should(never()).save(any());
        then(outbox).should(never()).claim(any(), any(), anyInt());
    }

    @Test
    void listsEveryViolationAndStoresNothing() throws Exception {
        ObjectNode record = Residents.record(ID_NUMBER);
        record.put("gender", "X");
        record.remove("name");
        record.put("regionCode", "37A");

        submit("resident", record.toString())
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://fillonce.io/problems/validation"))
                .andExpect(jsonPath("$.status").value(422))
                .andExpect(jsonPath("$.detail").value(
                        "3 fields are invalid for record type resident (schema version 1)."))
                .andExpect(jsonPath("$.instance").value("/api/records/resident"))
                .andExpect(jsonPath("$.errors", hasSize(3)))
                .andExpect(jsonPath("$.errors[*].pointer").value(containsInAnyOrder("/gender", "/name", "/regionCode")))
                .andExpect(jsonPath("$.errors[*].rule").value(containsInAnyOrder("enum", "required", "pattern")))
                .andExpect(jsonPath("$.errors[?(@.pointer == '/gender')].message").value("must be one of [F, M]"));
        then(records).should(never()).save(any());
    }

    @Test
    void refusesAnUnknownType() throws Exception {
        submit("vehicle", "{\"plate\": \"A1\"}")
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("vehicle")));
    }

    @Test
    void asksToRetryAnUnknownTypeWhileTheRegistryIsStillLoading() throws Exception {
        given(types.isCaughtUp()).willReturn(false);

        submit("vehicle", "{\"plate\": \"A1\"}")
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void refusesMalformedJson() throws Exception {
        submit("resident", "{\"idNumber\": ")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("not valid JSON")));
    }

    @Test
    void refusesJsonThatIsNotAnObject() throws Exception {
        submit("resident", "[1, 2]")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("must be a JSON object")));
    }

    @Test
    void refusesABodyOverTheLimit() throws Exception {
        ObjectNode record = Residents.record(ID_NUMBER);
        record.put("name", "x".repeat(600));

        submit("resident", record.toString())
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("512 bytes")));
    }

    @Test
    void refusesANonJsonContentType() throws Exception {
        mvc.perform(post("/api/records/resident").headers(http(cadre("c-0001", "370602")))
                .contentType(MediaType.TEXT_PLAIN).content("idNumber=1"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void requiresAPrincipal() throws Exception {
        mvc.perform(post("/api/records/resident").contentType(MediaType.APPLICATION_JSON)
                .content(Residents.record(ID_NUMBER).toString()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("X-Fillonce-Identity")));
        then(records).should(never()).save(any());
    }

    @Test
    void showsTheCurrentVersion() throws Exception {
        given(records.findById("resident/" + ID_NUMBER)).willReturn(Optional.of(stored(Residents.record(ID_NUMBER), 2)));

        mvc.perform(get("/api/records/resident/{key}", ID_NUMBER).headers(http(admin())))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.typeVersion").value(1))
                .andExpect(jsonPath("$.submittedBy").value("cadre:c-0001"))
                .andExpect(jsonPath("$.data.name").value("Li Mei"));
    }

    /** The shared role table holds at intake too: operators follow uploads, they do not read records. */
    @Test
    void anOperatorReadsNoRecord() throws Exception {
        mvc.perform(get("/api/records/resident/{key}", ID_NUMBER).headers(http(ops())))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        then(records).shouldHaveNoInteractions();
    }

    @Test
    void answersNotFoundForAnUnknownEntity() throws Exception {
        mvc.perform(get("/api/records/resident/{key}", "nobody").headers(http(admin())))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void answersServiceUnavailableWhenTheStoreIsDown() throws Exception {
        given(records.findById(any())).willThrow(new DataAccessResourceFailureException("connection refused"));

        submit("resident", Residents.record(ID_NUMBER).toString())
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "2"))
                .andExpect(jsonPath("$.type").value("https://fillonce.io/problems/store-unavailable"))
                .andExpect(jsonPath("$.detail").value(containsString("data store did not answer")));
    }

    private ResultActions submit(String type, String body) throws Exception {
        return mvc.perform(post("/api/records/{type}", type).headers(http(cadre("c-0001", "370602")))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private RecordDocument stored(ObjectNode record, int versions) {
        RecordDocument document = RecordDocument.first("resident", ID_NUMBER, "rec-1");
        for (int i = 0; i < versions; i++) {
            document.acceptVersion(1, json.writeValueAsString(record), "cadre:c-0001", java.time.Instant.now(), "api");
        }
        return document;
    }
}
