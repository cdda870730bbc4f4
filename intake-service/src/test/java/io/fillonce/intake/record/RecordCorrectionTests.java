package io.fillonce.intake.record;

import static io.fillonce.identity.TestCallers.admin;
import static io.fillonce.identity.TestCallers.cadre;
import static io.fillonce.identity.TestCallers.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.inOrder;
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

import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.Residents;
import io.fillonce.intake.registry.RecordType;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** Merge-patch corrections, If-Match preconditions, schema versions and header checks, on the web slice. */
@WebMvcTest(controllers = RecordController.class)
@Import({ Submissions.class, RecordBodies.class, RecordMapperImpl.class, JsonText.class, RecordVersions.class,
        IdempotencyKeys.class, NextVersion.class, RecordEvents.class })
@EnableConfigurationProperties(IntakeProperties.class)
class RecordCorrectionTests extends RecordSlice {

    private static final String ID_NUMBER = "370602199001011234";

    private static final String ID = "resident/" + ID_NUMBER;

    @Autowired
    private RecordEvents events;

    @Test
    void mergesAPatchIntoANewVersionWithThePatchChannel() throws Exception {
        given(records.findById(ID)).willReturn(Optional.of(stored(Residents.record(ID_NUMBER), 2)));

        patchWith("{\"phone\": null, \"address\": {\"line\": \"1 New Rd\"}}", "\"2\"")
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"3\""))
                .andExpect(jsonPath("$.version").value(3));

        ArgumentCaptor<RecordDocument> saved = ArgumentCaptor.forClass(RecordDocument.class);
        InOrder order = inOrder(mongo, records);
        order.verify(mongo).insert(argThat((Object archived) -> archived instanceof RecordVersionDocument version
                && version.version() == 2 && version.id().equals("rec-1:2") && version.channel().equals("api")));
        order.verify(records).save(saved.capture());
        assertThat(saved.getValue().getChannel()).isEqualTo("patch");
        ObjectNode data = (ObjectNode) json.readTree(saved.getValue().getData());
        assertThat(data.has("phone")).isFalse();
        assertThat(data.path("address").path("line").asString()).isEqualTo("1 New Rd");
        assertThat(data.path("name").asString()).isEqualTo("Li Mei");
        assertThat(events.withPayloads(saved.getValue(), saved.getValue().pendingEvents())).singleElement()
                .satisfies(event -> assertThat(event.payload()).contains("\"channel\":\"patch\""));
    }

    @Test
    void answersOkWithoutNewVersionWhenThePatchChangesNothing() throws Exception {
        given(records.findById(ID)).willReturn(Optional.of(stored(Residents.record(ID_NUMBER), 2)));

        patchWith("{\"name\": \"Li Mei\"}", "\"2\"")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2));
        then(records).should(never()).save(any());
    }

    @Test
    void validatesTheMergedRecordAndListsEveryViolation() throws Exception {
        given(records.findById(ID)).willReturn(Optional.of(stored(Residents.record(ID_NUMBER), 1)));

        patchWith("{\"gender\": \"X\", \"name\": null}", "\"1\"")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].pointer").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "/gender", "/name")));
        then(records).should(never()).save(any());
    }

    @Test
    void refusesAPatchThatChangesTheEntityKey() throws Exception {
        given(records.findById(ID)).willReturn(Optional.of(stored(Residents.record(ID_NUMBER), 1)));

        patchWith("{\"idNumber\": \"370602199001019999\"}", "\"1\"")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].rule").value("entityKey"));
        then(records).should(never()).save(any());
    }

    @Test
    void answersPreconditionFailedForAStaleEtag() throws Exception {
        given(records.findById(ID)).willReturn(Optional.of(stored(Residents.record(ID_NUMBER), 3)));

        patchWith("{\"phone\": \"1\"}", "\"2\"")
                .andExpect(status().isPreconditionFailed())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.header").value("If-Match"))
                .andExpect(jsonPath("$.detail").value(containsString("\"3\"")));
        mvc.perform(post("/api/records/resident").headers(http(cadre("c-0001", "370602")))
                .header("If-Match", "W/\"2\"").contentType(MediaType.APPLICATION_JSON)
                .content(Residents.record(ID_NUMBER).put("phone", "13900004321").toString()))
                .andExpect(status().isPreconditionFailed());
        then(records).should(never()).save(any());
    }

    @Test
    void acceptsAPostWhoseIfMatchIsCurrent() throws Exception {
        given(records.findById(ID)).willReturn(Optional.of(stored(Residents.record(ID_NUMBER), 3)));

        mvc.perform(post("/api/records/resident").headers(http(cadre("c-0001", "370602")))
                .header("If-Match", "\"3\"").contentType(MediaType.APPLICATION_JSON)
                .content(Residents.record(ID_NUMBER).put("phone", "13900004321").toString()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(4));
    }

    @Test
    void refusesACorrectionThatNamesNoVersion() throws Exception {
        given(records.findById(ID)).willReturn(Optional.of(stored(Residents.record(ID_NUMBER), 1)));

        patchWith("{\"phone\": \"13900004321\"}", null)
                .andExpect(status().isPreconditionRequired())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.header").value("If-Match"));
        then(records).should(never()).save(any());
    }

    @Test
    void answersNotFoundWhenPatchingAnUnknownEntity() throws Exception {
        patchWith("{\"phone\": \"1\"}", "\"1\"")
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void refusesAPatchThatIsNotAMergePatch() throws Exception {
        mvc.perform(patch("/api/records/resident/{key}", ID_NUMBER).headers(http(cadre("c-0001", "370602")))
                .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void validatesAgainstTheSchemaVersionNamedInTheHeader() throws Exception {
        RecordType older = new RecordType("resident", 1, Residents.type().entityKey(), Residents.type().schema());
        RecordType current = new RecordType("resident", 2, older.entityKey(), older.schema());
        given(types.find(Residents.TYPE)).willReturn(Optional.of(current));
        given(types.find(Residents.TYPE, 1)).willReturn(Optional.of(older));

        postWithSchema(Residents.record(ID_NUMBER).toString(), "1").andExpect(status().isCreated());
        ArgumentCaptor<RecordDocument> saved = ArgumentCaptor.forClass(RecordDocument.class);
        then(records).should().save(saved.capture());
        assertThat(saved.getValue().getTypeVersion()).isEqualTo(1);

        postWithSchema(Residents.record(ID_NUMBER).toString(), "7")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.header").value("Fillonce-Schema-Version"))
                .andExpect(jsonPath("$.detail").value(containsString("current version is 2")));
    }

    @Test
    void refusesAnUnusableIdempotencyKey() throws Exception {
        mvc.perform(post("/api/records/resident").headers(http(cadre("c-0001", "370602")))
                .header("Idempotency-Key", "x".repeat(300)).contentType(MediaType.APPLICATION_JSON)
                .content(Residents.record(ID_NUMBER).toString()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.header").value("Idempotency-Key"));
        then(records).should(never()).save(any());
    }

    @Test
    void answersNotFoundForTheHistoryOfAnUnknownEntity() throws Exception {
        mvc.perform(get("/api/records/resident/{key}/history", "nobody").headers(http(admin())))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private ResultActions patchWith(String patch, String ifMatch) throws Exception {
        var request = patch("/api/records/resident/{key}", ID_NUMBER).headers(http(cadre("c-0001", "370602")))
                .contentType(RecordController.MERGE_PATCH).content(patch);
        return mvc.perform(ifMatch == null ? request : request.header("If-Match", ifMatch));
    }

    private ResultActions postWithSchema(String body, String schemaVersion) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/records/resident").headers(http(cadre("c-0001", "370602")))
                .header("Fillonce-Schema-Version", schemaVersion)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private RecordDocument stored(ObjectNode record, int versions) {
        RecordDocument document = RecordDocument.first("resident", ID_NUMBER, "rec-1");
        for (int i = 0; i < versions; i++) {
            document.acceptVersion(1, json.writeValueAsString(record), "cadre:c-0001", Instant.now(), "api");
        }
        return document;
    }
}
