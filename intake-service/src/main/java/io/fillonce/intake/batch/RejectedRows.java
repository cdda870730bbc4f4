package io.fillonce.intake.batch;

import java.util.ArrayList;
import java.util.List;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.intake.form.FormField;
import io.fillonce.intake.form.FormWorkbook;
import io.fillonce.intake.record.Submissions;
import io.fillonce.intake.registry.RecordType;
import io.fillonce.web.FieldProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The rejected lines of a bulk upload (XLSX, CSV or NDJSON) as a spreadsheet in the template's layout
 * ({@link FormWorkbook#withErrors}): each refused line's values as they were read (kept in its result, see
 * {@link LineResult#values()}), and the column {@value FormWorkbook#ERROR} naming its row in the upload and, for each
 * problem, the field (title and pointer), the rule and what is wrong, as the job's per-line results say. The results
 * are read page by page by id, the workbook written streaming, so no size of job is held in memory.
 */
@Component
class RejectedRows {

    private final MongoTemplate mongo;

    private final BatchJobs jobs;

    private final Submissions submissions;

    private final JsonMapper json;

    RejectedRows(MongoTemplate mongo, BatchJobs jobs, Submissions submissions, JsonMapper json) {
        this.mongo = mongo;
        this.jobs = jobs;
        this.submissions = submissions;
        this.json = json;
    }

    /** The spreadsheet of a job the caller may see (else {@link UnknownBatchJob}), checked before it is written. */
    StreamingResponseBody of(String type, String jobId, VerifiedCaller caller) {
        BatchJobDocument job = jobs.visibleJob(type, jobId, caller);
        RecordType recordType = submissions.recordType(type, null);
        return out -> {
            try (FormWorkbook workbook = FormWorkbook.withErrors(recordType)) {
                for (long page = 0; job.resultsPerPage() != null
                        && page * job.resultsPerPage() < job.linesRead(); page++) {
                    ResultPage results = mongo.findById(ResultPage.idOf(job.id(), page), ResultPage.class);
                    for (LineResult line : results == null ? List.<LineResult>of() : results.results()) {
                        if (!line.accepted()) {
                            workbook.row(values(line), error(line, workbook.fields(), job.format()));
                        }
                    }
                }
                workbook.write(out);
            }
        };
    }

    private JsonNode values(LineResult line) {
        if (line.values() == null) {
            return null;
        }
        try {
            return json.readTree(line.values());
        }
        catch (JacksonException unreadable) {
            return null;
        }
    }

    /** "行 Row 7: 姓名 Name (/name): required — …; …", each problem of the line in turn. */
    static String error(LineResult line, List<FormField> fields, String format) {
        String where = "ndjson".equals(format) ? "行 Line " : "行 Row ";
        List<String> problems = new ArrayList<>();
        LineResult.Problem problem = line.problem();
        if (problem != null && problem.errors() != null && !problem.errors().isEmpty()) {
            for (FieldProblem violation : problem.errors()) {
                String field = fields.stream().filter(f -> f.pointer().equals(violation.pointer())).findFirst()
                        .map(FormField::named).orElse(violation.pointer().isEmpty() ? "/" : violation.pointer());
                problems.add(field + ": " + violation.rule() + " — " + violation.message());
            }
        }
        else if (problem != null) {
            problems.add(problem.title() + " — " + problem.detail());
        }
        if (line.values() == null) {
            problems.add("所填的值未保留 the line's values were not kept");
        }
        return where + line.line() + ": " + String.join("\n", problems);
    }
}
