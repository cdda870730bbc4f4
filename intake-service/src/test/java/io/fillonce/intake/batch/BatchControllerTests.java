package io.fillonce.intake.batch;

import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.Residents;
import io.fillonce.intake.record.BulkSubmissions;
import io.fillonce.intake.record.RecordCounts;
import io.fillonce.intake.record.Submissions;
import io.fillonce.telemetry.Traces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static io.fillonce.identity.TestCallers.cadre;
import static io.fillonce.identity.TestCallers.http;
import static io.fillonce.identity.TestCallers.ops;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = BatchController.class, properties = "fillonce.intake.max-batch-bytes=100B")
@Import({ BatchJobs.class, BatchRunner.class, BatchLines.class, XlsxUploads.class, RejectedRows.class })
@EnableConfigurationProperties(IntakeProperties.class)
class BatchControllerTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private Submissions submissions;

    @MockitoBean
    private MongoTemplate mongo;

    @MockitoBean
    private BulkSubmissions bulk;

    @MockitoBean
    private RecordCounts counts;

    @MockitoBean
    private Traces traces;

    @BeforeEach
    void knowsTheResidentType() {
        given(submissions.recordType(Residents.TYPE, null)).willReturn(Residents.type());
    }

    @Test
    void refusesAnUploadOverTheBatchLimitAndStartsNoJob() throws Exception {
        mvc.perform(post("/api/records/resident/batch").headers(http(cadre("c-0001", "370602")))
                .contentType("application/x-ndjson").content("{}\n".repeat(40)))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("100 bytes")));
        then(mongo).should(never()).insert(any(BatchJobDocument.class));
    }

    @Test
    void requiresAPrincipal() throws Exception {
        mvc.perform(post("/api/records/resident/batch").contentType("text/csv").content("idNumber\n1\n"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void answersNotFoundForAnUnknownJobAndBadRequestForABadPage() throws Exception {
        mvc.perform(get("/api/records/resident/batch/job-1").headers(http(ops())))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/records/resident/batch/job-1?limit=0").headers(http(ops())))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].pointer").value("limit"));
        mvc.perform(get("/api/records/resident/batch/job-1?after=line-9").headers(http(ops())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].pointer").value("after"));
    }
}
