package io.fillonce.intake.record;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

import java.util.Optional;

import io.fillonce.intake.Residents;
import io.fillonce.intake.audit.ReadAudit;
import io.fillonce.intake.registry.RecordTypes;
import io.fillonce.telemetry.Traces;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the record controllers' slice tests share: the store, the outbox, the registry view, the read audit and the
 * meters mocked; the resident type known (its version 1 too) and the view caught up; a saved record answered as
 * given.
 */
abstract class RecordSlice {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @MockitoBean
    RecordTypes types;

    @MockitoBean
    ReadAudit audit;

    @MockitoBean
    RecordRepository records;

    @MockitoBean
    MongoTemplate mongo;

    @MockitoBean
    Outbox outbox;

    @MockitoBean
    RecordCounts counts;

    @MockitoBean
    Traces traces;

    @BeforeEach
    void knowsTheResidentType() {
        given(types.find(Residents.TYPE)).willReturn(Optional.of(Residents.type()));
        given(types.find(Residents.TYPE, 1)).willReturn(Optional.of(Residents.type()));
        given(types.isCaughtUp()).willReturn(true);
        given(records.save(any(RecordDocument.class))).willAnswer(invocation -> invocation.getArgument(0));
    }
}
