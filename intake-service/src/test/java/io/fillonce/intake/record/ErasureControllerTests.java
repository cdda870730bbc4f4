package io.fillonce.intake.record;

import java.time.Instant;
import java.util.Optional;

import io.fillonce.contracts.Contracts;
import io.fillonce.identity.VerifiedCaller;
import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.Residents;
import io.fillonce.intake.audit.ReadAudit;
import io.fillonce.intake.registry.RecordTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static io.fillonce.identity.TestCallers.admin;
import static io.fillonce.identity.TestCallers.cadre;
import static io.fillonce.identity.TestCallers.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Optional;

import io.fillonce.contracts.Contracts;
import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.Residents;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** Erasure on the web slice: the answer, the last version it writes, and every write refused while it lasts. */
@WebMvcTest(controllers = { ErasureController.class, RecordController.class, RetractionController.class })
@Import({ Submissions.class, Erasures.class, RecordBodies.class, RecordMapperImpl.class, JsonText.class,
        RecordVersions.class, IdempotencyKeys.class, NextVersion.class, RecordEvents.class })
@EnableConfigurationProperties(IntakeProperties.class)
class ErasureControllerTests extends RecordSlice {

    private static final String ID_NUMBER = "370602196001011234";

    private static final String ID = "resident/" + ID_NUMBER;

    private static final String PATH = "/api/records/resident/" + ID_NUMBER;

    private static final String GROUNDS = "{\"reason\": \"the person asked\", \"legalBasis\": \"PIPL art. 47\"}";

    @Autowired
    private RecordEvents events;

    @Autowired
    private NextVersion next;

    @Autowired
    private Submissions submissions;

    @Test
    void writesALastVersionWithoutDataAndAnswersItsReceipt() throws Exception {
        given(records.findById(ID)).willReturn(Optional.of(stored(2)));

        erase(GROUNDS)
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"3\""))
                .andExpect(jsonPath("$.recordId").value("rec-1"))
                .andExpect(jsonPath("$.type").value("resident"))
                .andExpect(jsonPath("$.entityKey").value(ID_NUMBER))
                .andExpect(jsonPath("$.version").value(3));

        ArgumentCaptor<RecordDocument> saved = ArgumentCaptor.forClass(RecordDocument.class);
        then(records).should().save(saved.capture());
        RecordDocument erased = saved.getValue();
        assertThat(erased.getChannel()).isEqualTo("erase");
        assertThat(erased.getData()).isEqualTo("{}");
        assertThat(erased.getSubmittedBy()).isEqualTo("admin:it");
        assertThat(erased.getRetraction()).as("neither retracted nor reinstated").isNull();
        assertThat(erased.getErasure().legalBasis()).isEqualTo("PIPL art. 47");
        then(mongo).should(never()).insert(any(RecordVersionDocument.class));
        then(mongo).should().remove(any(Query.class), eq(RecordVersionDocument.class));
        then(mongo).should().remove(any(Query.class), eq(IdempotentRequest.class));
        JsonNode event = json.readTree(events.withPayloads(erased, erased.pendingEvents()).get(0).payload());
        assertThat(Contracts.violations(Contracts.RECORD_EVENT, event)).isEmpty();
        assertThat(event.path("data").isEmpty()).isTrue();
        assertThat(event.at("/erasure/reason").asString()).isEqualTo("the person asked");
        assertThat(event.at("/erasure/by").asString()).isEqualTo("admin:it");
        assertThat(event.has("retraction")).isFalse();
    }

    @Test
    void refusesEveryWriteAndHidesTheEntityWhileItIsBeingErased() throws Exception {
        given(records.findById(ID)).willReturn(Optional.of(erased(2)));

        refusedAsErased(mvc.perform(post("/api/records/resident").headers(http(cadre("c-0001", "370602")))
                .contentType(MediaType.APPLICATION_JSON).content(Residents.record(ID_NUMBER).toString())));
        refusedAsErased(mvc.perform(patch(PATH).headers(http(cadre("c-0001", "370602")))
                .contentType(RecordController.MERGE_PATCH).content("{\"phone\": \"13900004321\"}")
                .header("If-Match", "\"3\"")));
        refusedAsErased(mvc.perform(post(PATH + "/retract").headers(http(admin()))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"wrong person\"}")));
        refusedAsErased(mvc.perform(post(PATH + "/reinstate").headers(http(admin()))));
        mvc.perform(get(PATH).headers(http(admin()))).andExpect(status().isNotFound());
        mvc.perform(get(PATH + "/history").headers(http(admin()))).andExpect(status().isNotFound());
        then(records).should(never()).save(any());
    }

    @Test
    void answersTheSameReceiptAgainAndDeletesTheTracesAgain() throws Exception {
        given(records.findById(ID)).willReturn(Optional.of(erased(2)));

        erase("{\"reason\": \"asked twice\", \"legalBasis\": \"PIPL art. 47\"}")
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"3\""))
                .andExpect(jsonPath("$.version").value(3));

        then(records).should(never()).save(any());
        then(mongo).should().remove(any(Query.class), eq(RecordVersionDocument.class));
        then(mongo).should().remove(any(Query.class), eq(IdempotentRequest.class));
    }

    @Test
    void refusesAnErasureWithoutItsReasonOrLegalBasis() throws Exception {
        given(records.findById(ID)).willReturn(Optional.of(stored(1)));

        erase("{\"reason\": \"the person asked\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].pointer").value(containsInAnyOrder("/legalBasis")));
        erase("{\"reason\": \" \", \"legalBasis\": \"" + "x".repeat(501) + "\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].pointer").value(containsInAnyOrder("/reason", "/legalBasis")));
        then(records).should(never()).save(any());
    }

    @Test
    void letsOnlyAnAdminErase() throws Exception {
        given(records.findById(ID)).willReturn(Optional.of(stored(1)));

        mvc.perform(post(PATH + "/erase").headers(http(cadre("c-0001", "370602")))
                .contentType(MediaType.APPLICATION_JSON).content(GROUNDS))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThatThrownBy(() -> submissions.erase("resident", ID_NUMBER, "asked", "PIPL art. 47",
                Residents.cadre())).isInstanceOf(ErasureNotAllowed.class);
        assertThatThrownBy(() -> submissions.erase("resident", ID_NUMBER, "asked", "PIPL art. 47",
                new VerifiedCaller("ops:o-1", "OPS", null, null))).isInstanceOf(ErasureNotAllowed.class);
        then(records).should(never()).save(any());
        then(outbox).should(never()).claim(any(), any(), anyInt());
    }

    @Test
    void answersNotFoundForAnUnknownEntity() throws Exception {
        erase(GROUNDS)
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        then(mongo).should().save(any(PendingErasure.class));
        then(mongo).should().remove(any(PendingErasure.class));
        then(mongo).shouldHaveNoMoreInteractions();
    }

    private ResultActions erase(String body) throws Exception {
        return mvc.perform(post(PATH + "/erase").headers(http(admin())).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static void refusedAsErased(ResultActions answer) throws Exception {
        answer.andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(endsWith("/erased")))
                .andExpect(jsonPath("$.detail").value(containsString("being erased")));
    }

    private RecordDocument stored(int versions) {
        RecordDocument document = RecordDocument.first("resident", ID_NUMBER, "rec-1");
        for (int i = 0; i < versions; i++) {
            document.acceptVersion(1, json.writeValueAsString(Residents.record(ID_NUMBER)), "cadre:c-0001",
                    Instant.now(), "api");
        }
        return document;
    }

    private RecordDocument erased(int versions) {
        RecordDocument document = stored(versions);
        next.erase(document, new Erasure("the person asked", "PIPL art. 47", "admin:it", Instant.now()), "claim-1",
                null);
        return document;
    }
}
