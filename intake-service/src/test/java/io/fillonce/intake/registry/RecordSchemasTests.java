package io.fillonce.intake.registry;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fillonce.intake.form.Allowances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Schemas with the {@code x-l10n} annotation (titles in other languages) are compiled and applied as any other. */
class RecordSchemasTests {

    /** Listening from before any schema of this class is compiled: the validator warns once per unknown keyword. */
    private static final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    private static final Logger validatorLog = (Logger) LoggerFactory.getLogger("com.networknt");

    @BeforeAll
    static void listen() {
        logged.start();
        validatorLog.addAppender(logged);
    }

    @AfterAll
    static void stopListening() {
        validatorLog.detachAppender(logged);
    }

    @Test
    void acceptsTheL10nAnnotationWithoutWarnings() {
        Schema schema = RecordSchemas.compile(Allowances.schema());
        schema.initializeValidators();

        assertThat(schema.validate(Allowances.record("370602199001011234"))).isEmpty();
        assertThat(logged.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
    }

    @Test
    void logsNothingAboutTheAnnotationWhileCompilingAndValidating() {
        RecordSchemas.compile(Allowances.schema()).validate(Allowances.record("370602199001011234"));

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("x-l10n"));
    }

    @Test
    void isItselfAValidDraft202012Schema() {
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        List<Error> errors = metaSchema.validate(Allowances.schema().toString(), InputFormat.JSON);

        assertThat(errors).isEmpty();
    }

    @Test
    void stillRefusesRecordsBreakingTheAnnotatedRules() {
        Schema schema = RecordSchemas.compile(Allowances.schema());
        ObjectNode record = Allowances.record("12345");
        record.put("birthDate", "1990-13-45");
        record.withObject("address").remove("street");

        assertThat(schema.validate(record)).extracting(error -> error.getKeyword())
                .containsExactlyInAnyOrder("pattern", "format", "required");
    }
}
