package io.fillonce.sync.prefill;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fillonce.identity.TestCallers;
import io.fillonce.sync.RegistryEntries;
import io.fillonce.sync.TestSubjects;
import io.fillonce.sync.audit.AuditEvent;
import io.fillonce.sync.audit.AuditRecorder;
import io.fillonce.sync.mapping.FieldHashes;
import io.fillonce.sync.mapping.MappingSettings;
import io.fillonce.sync.mapping.Subjects;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.state.EntityRecord;
import io.fillonce.sync.state.EntityStates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@WebMvcTest(PrefillController.class)
@Import(Prefills.class)
class PrefillControllerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KNOWN = "370602199001011234";
    private static final String ELSEWHERE = "371002199001011234";

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private RegistryView registry;

    @MockitoBean
    private EntityStates states;

    @MockitoBean
    private AuditRecorder audit;

    @BeforeEach
    void civilAffairsSubscribesToResidentsOfItsRegion() {
        for (RegistryEntries.Entry entry : RegistryEntries.civilAffairs()) {
            registry.apply(entry.entry());
        }
        RegistryEntries.Entry health = RegistryEntries.department("health");
        registry.apply(health.entry());
        when(states.find(anyString(), anyString())).thenReturn(Optional.empty());
        when(states.find("resident", KNOWN)).thenReturn(Optional.of(resident(KNOWN, "370602")));
        when(states.find("resident", ELSEWHERE)).thenReturn(Optional.of(resident(ELSEWHERE, "371002")));
    }

    /** The clear key the department holds finds the entity; the answer names the pseudonym its messages carry. */
    @Test
    void givesTheDepartmentOnlyItsMappedFieldsWithVersionAndEventId() throws Exception {
        MvcTestResult result = get("/api/prefill/civil-affairs/resident/" + KNOWN, TestCallers.department("civil-affairs"));

        assertThat(result).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"department": "civil-affairs", "type": "resident", "entityKey": "%s", "version": 4,
                 "eventId": "rec-%s:4",
                 "subscriptions": [{"subscription": "sub-civil-affairs-resident", "subject": "%s",
                                    "data": {"xm": "Li Mei", "sfzh": "370602**********34", "xb": "2",
                                             "jzxx": {"dz": "12 Haigang Rd"}}}]}""".formatted(KNOWN, KNOWN,
                        TestSubjects.pseudonymous("civil-affairs", KNOWN)));
        assertThat(result.getResponse().getContentAsString()).doesNotContain("CANARY").doesNotContain("13800001234");
        assertThat(JSON.readTree(result.getResponse().getContentAsString()).at("/subscriptions/0/data"))
                .isEqualTo(JSON.readTree("""
                        {"xm": "Li Mei", "sfzh": "370602**********34", "xb": "2", "jzxx": {"dz": "12 Haigang Rd"}}"""));
        verify(audit).record(argThat((List<AuditEvent> reads) -> reads.size() == 1
                && reads.get(0).action().equals("PREFILL_READ") && reads.get(0).version() == 4
                && reads.get(0).actor().equals("department:civil-affairs")
                && reads.get(0).recipients().get(0).fields().equals(List.of("/xm", "/sfzh", "/xb", "/jzxx/dz"))));
    }

    @Test
    void refusesAnotherDepartmentAndOperators() {
        assertThat(get("/api/prefill/civil-affairs/resident/" + KNOWN, TestCallers.department("health")))
                .hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(get("/api/prefill/civil-affairs/resident/" + KNOWN, TestCallers.ops())).hasStatus(403);
        assertThat(get("/api/prefill/civil-affairs/resident/" + KNOWN, TestCallers.admin())).hasStatus(403);
        assertThat(get("/api/prefill/civil-affairs/resident/" + KNOWN, TestCallers.cadre("c-1", "370602")))
                .hasStatus(403);
        assertThat(get("/api/prefill/civil-affairs/resident/" + KNOWN, Map.of())).hasStatus(401);
    }

    @Test
    void answersTheSameNotFoundForUnknownUnsubscribedAndFilteredOut() throws Exception {
        MvcTestResult unknown = get("/api/prefill/civil-affairs/resident/370602000000000000",
                TestCallers.department("civil-affairs"));
        MvcTestResult filteredOut = get("/api/prefill/civil-affairs/resident/" + ELSEWHERE,
                TestCallers.department("civil-affairs"));
        MvcTestResult unsubscribedType = get("/api/prefill/civil-affairs/household/" + KNOWN,
                TestCallers.department("civil-affairs"));
        MvcTestResult unsubscribedDepartment = get("/api/prefill/health/resident/" + KNOWN,
                TestCallers.department("health"));

        for (MvcTestResult result : new MvcTestResult[] {unknown, filteredOut, unsubscribedType, unsubscribedDepartment}) {
            assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result.getResponse().getContentAsString()).doesNotContain("filter").doesNotContain("Li Mei");
        }
    }

    private MvcTestResult get(String uri, Map<String, String> caller) {
        var request = mvc.get().uri(uri);
        caller.forEach(request::header);
        return request.exchange();
    }

    private static EntityRecord resident(String idNumber, String region) {
        return EntityRecord.first("resident", idNumber, "rec-" + idNumber, 4, "rec-" + idNumber + ":4",
                "2026-11-27T08:15:30.123Z", JSON.readTree("""
                        {"idNumber": "%s", "name": "Li Mei", "gender": "F", "phone": "13800001234",
                         "regionCode": "%s", "note": "CANARY-NOTE", "address": {"line": "12 Haigang Rd"}}"""
                        .formatted(idNumber, region)), "cadre:c-0001");
    }

    @TestConfiguration
    static class View {

        @Bean
        FieldHashes fieldHashes() {
            return new FieldHashes(new MappingSettings(TestSubjects.HASH_SECRET));
        }

        @Bean
        Subjects subjects() {
            return TestSubjects.SUBJECTS;
        }

        @Bean
        RegistryView registryView() {
            return new RegistryView(event -> { }, RegistryEntries.SEALING);
        }
    }
}
