package io.fillonce.intake.form;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fillonce.intake.record.Submissions;
import io.fillonce.intake.registry.RecordType;
import io.fillonce.intake.registry.RecordTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The forms a cadre fills, from this instance's registry view: every record type with its titles, one type's JSON
 * Schema as registered (with its {@code x-l10n} titles) and how its entities are keyed, and its XLSX template for
 * bulk uploads ({@link FormWorkbook}).
 */
@RestController
@RequestMapping("/api/forms")
class FormController {

    private final RecordTypes types;

    private final Submissions submissions;

    FormController(RecordTypes types, Submissions submissions) {
        this.types = types;
        this.submissions = submissions;
    }

    @Operation(summary = "Every record type a cadre may fill, sorted by type: its current schema version, and the "
            + "title and x-l10n titles of its schema (the type's name as title when the schema has none)")
    @GetMapping
    FormList forms() {
        return new FormList(types.all().stream().map(FormController::summary).toList());
    }

    @Operation(summary = "One record type's form: its JSON Schema as registered (titles in English, x-l10n "
            + "zh-CN titles), the top-level fields keying its entities, its region field (or null) and whether "
            + "cadres may correct entities of other regions; 404 problem for an unknown type")
    @GetMapping("/{type}")
    FormView form(@PathVariable String type) {
        RecordType recordType = submissions.recordType(type, null);
        return new FormView(recordType.name(), recordType.version(), recordType.schema().getSchemaNode(),
                recordType.entityKey(), recordType.regionField(), recordType.crossRegionCorrection());
    }

    @Operation(summary = "The XLSX template of a record type for POST /api/records/{type}/batch: one column per "
            + "scalar field (nested objects flattened, arrays left out), headers in Chinese and English, a hidden "
            + "second row of JSON Pointers the upload reads the columns by, drop-down lists for enums, text, date "
            + "and number formats, and a help sheet listing every field's rules",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = FormWorkbook.CONTENT_TYPE,
                    schema = @Schema(type = "string", format = "binary"))))
    @GetMapping(path = "/{type}/template.xlsx", produces = FormWorkbook.CONTENT_TYPE)
    ResponseEntity<byte[]> template(@PathVariable String type) throws IOException {
        RecordType recordType = submissions.recordType(type, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FormWorkbook workbook = FormWorkbook.template(recordType)) {
            workbook.write(out);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(recordType.name() + "-v" + recordType.version() + ".xlsx").build().toString())
                .body(out.toByteArray());
    }

    private static FormSummary summary(RecordType type) {
        JsonNode schema = type.schema().getSchemaNode();
        String title = FormFields.text(schema, "title");
        JsonNode l10n = schema.path(FormFields.L10N);
        return new FormSummary(type.name(), type.version(), title != null ? title : type.name(),
                l10n.isObject() ? l10n : null);
    }

    record FormList(List<FormSummary> forms) {
    }

    /** One form in the list; {@code x-l10n} only when the schema carries it. */
    record FormSummary(String type, int schemaVersion, String title,
            @JsonProperty(FormFields.L10N) @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode l10n) {
    }

    record FormView(String type, int schemaVersion, JsonNode schema, List<String> entityKey, String regionField,
            boolean crossRegionCorrection) {
    }
}
