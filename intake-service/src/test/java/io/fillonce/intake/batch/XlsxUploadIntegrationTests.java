package io.fillonce.intake.batch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import io.fillonce.identity.TestCallers;
import io.fillonce.intake.IntakeIntegrationContext;
import io.fillonce.intake.Residents;
import io.fillonce.intake.form.Allowances;
import io.fillonce.intake.form.FormWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * XLSX bulk uploads of the template, and the rejected lines of any upload back as XLSX, on the whole service (see
 * {@link IntakeIntegrationContext}).
 */
class XlsxUploadIntegrationTests extends IntakeIntegrationContext {

    private static final String XLSX = FormWorkbook.CONTENT_TYPE;

    @Autowired
    private EmbeddedKafkaBroker kafka;

    @Autowired
    private MongoTemplate mongo;

    @BeforeEach
    void registerAllowances() {
        Allowances.register(kafka.getBrokersAsString(), intake);
    }

    @Test
    void storesTheGoodRowsOfAFilledTemplateAndHandsTheBadOnesBackWithTheirErrors() throws IOException {
        byte[] filled = filled(template -> {
            XSSFSheet sheet = template.getSheetAt(0);
            CellStyle date = template.createCellStyle();
            date.setDataFormat(template.createDataFormat().getFormat("yyyy-mm-dd"));
            row(sheet, 2, date, "370602199001011234", "王芳", "F", "370602", LocalDate.of(1990, 1, 1), 3, 1250.5,
                    "海港路12号");
            row(sheet, 3, date, "370602199002021234", null, "X", "370603", LocalDate.of(1990, 2, 2), 2, 0, "港城路1号");
            row(sheet, 4, date, 370602900101123L, "李明", "M", "370602", LocalDate.of(1990, 3, 3), 1, 800, "海港路3号");
        });

        Answer accepted = upload("allowance", XLSX, filled);
        JsonNode job = finished(accepted);

        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("format").asString()).isEqualTo("xlsx");
        assertThat(job.path("linesTotal").asLong()).isEqualTo(3);
        assertThat(job.path("accepted").asLong()).isEqualTo(2);
        assertThat(job.path("rejected").asLong()).isEqualTo(1);
        assertThat(job.path("results")).extracting(line -> line.path("line").asLong()).containsExactly(3L, 4L, 5L);
        assertThat(job.path("results")).extracting(line -> line.path("status").asInt()).containsExactly(201, 422, 201);
        assertThat(job.path("results").get(1).path("problem").path("errors"))
                .extracting(error -> error.path("pointer").asString()).containsExactlyInAnyOrder("/name", "/gender");

        JsonNode first = stored("370602199001011234");
        assertThat(first.path("birthDate").asString()).isEqualTo("1990-01-01");
        assertThat(first.path("householdSize").isIntegralNumber()).isTrue();
        assertThat(first.path("householdSize").asInt()).isEqualTo(3);
        assertThat(first.path("monthlyIncome").asDouble()).isEqualTo(1250.5);
        assertThat(first.path("address").path("street").asString()).isEqualTo("海港路12号");
        assertThat(stored("370602900101123").path("idNumber").asString())
                .as("an ID number typed as a number comes back as its digits").isEqualTo("370602900101123");

        String jobId = job.path("id").asString();
        assertThat(mongo.findById(ResultPage.idOf(jobId, 0), ResultPage.class).results())
                .as("only the rejected line's values are kept").extracting(line -> line.values() != null)
                .containsExactly(false, true, false);
        try (XSSFWorkbook rejected = rejected("allowance", jobId)) {
            XSSFSheet sheet = rejected.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).as("one rejected row after the header and path rows").isEqualTo(2);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("/idNumber");
            assertThat(sheet.getRow(0).getCell(9).getStringCellValue()).isEqualTo(FormWorkbook.ERROR);
            Row row = sheet.getRow(2);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("370602199002021234");
            assertThat(row.getCell(1)).isNull();
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("X");
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(2.0);
            assertThat(row.getCell(9).getStringCellValue()).startsWith("行 Row 4: ")
                    .contains("姓名 Name (/name): required", "性别 Gender (/gender): enum");
        }
        HttpResponse<byte[]> someoneElses = intake.as(() -> TestCallers.cadre("c-0002", "370602"))
                .sendBytes("GET", "/api/records/allowance/batch/" + jobId + "/rejected.xlsx", null, null);
        assertThat(someoneElses.statusCode()).isEqualTo(404);
    }

    @Test
    void handsBackTheRejectedLinesOfCsvAndNdjsonUploadsInTheTemplateLayout() throws IOException {
        String csv = "idNumber,name,gender,regionCode\n370602200505051234,Zhao Lei,M,370602\n"
                + "370602200606061234,Qian Yu,X,370602\n";
        String ndjson = Residents.record("370602200707071234").put("phone", "12") + "\n{\"idNumber\": \n";

        JsonNode csvJob = finished(upload("resident", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        JsonNode ndjsonJob = finished(upload("resident", "application/x-ndjson",
                ndjson.getBytes(StandardCharsets.UTF_8)));

        try (XSSFWorkbook rejected = rejected("resident", csvJob.path("id").asString())) {
            XSSFSheet sheet = rejected.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("370602200606061234");
            assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("X");
            assertThat(errorOf(sheet.getRow(2))).startsWith("行 Row 2: ").contains("gender (/gender): enum");
        }
        try (XSSFWorkbook rejected = rejected("resident", ndjsonJob.path("id").asString())) {
            XSSFSheet sheet = rejected.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            assertThat(sheet.getRow(2).getCell(3).getStringCellValue()).isEqualTo("12");
            assertThat(errorOf(sheet.getRow(2))).startsWith("行 Line 1: ").contains("phone (/phone): pattern");
            assertThat(errorOf(sheet.getRow(3))).startsWith("行 Line 2: ").contains("Malformed record",
                    "values were not kept");
        }
    }

    @Test
    void refusesWhatIsNoTemplateNamingTheProblem() throws IOException {
        Answer notXlsx = post("idNumber\n1\n".getBytes(StandardCharsets.UTF_8));
        Answer unknownPath = post(filled(template -> template.getSheetAt(0).getRow(1).getCell(1)
                .setCellValue("/nickname")));
        Answer noPathRow = post(filled(template -> template.getSheetAt(0)
                .removeRow(template.getSheetAt(0).getRow(1))));

        assertThat(notXlsx.status()).isEqualTo(400);
        assertThat(notXlsx.header("Content-Type")).hasValue("application/problem+json");
        assertThat(problem(notXlsx).path("type").asString()).endsWith("/invalid-spreadsheet");
        assertThat(problem(notXlsx).path("detail").asString()).contains("not an XLSX file");
        assertThat(unknownPath.status()).isEqualTo(400);
        assertThat(problem(unknownPath).path("detail").asString()).contains("Column B", "'/nickname'",
                "not a field of record type allowance");
        assertThat(noPathRow.status()).isEqualTo(400);
        assertThat(problem(noPathRow).path("detail").asString()).contains("no path row");
        assertThat(notXlsx.header("Location")).isEmpty();
    }

    @Test
    void refusesASpreadsheetThatUnpacksFarBeyondItsSize() throws IOException {
        byte[] bomb = padded(filled(template -> { }), "xl/worksheets/sheet1.xml", 40 * 1024 * 1024);
        assertThat(bomb.length).as("small as uploaded").isLessThan(1024 * 1024);

        Answer refused = post(bomb);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(problem(refused).path("type").asString()).endsWith("/spreadsheet-too-large");
        assertThat(problem(refused).path("detail").asString()).contains("xl/worksheets/sheet1.xml",
                "times its packed size");
    }

    private interface Filling {
        void fill(XSSFWorkbook template) throws IOException;
    }

    /** The type's template from the forms API, filled in as a person would with a spreadsheet program. */
    private byte[] filled(Filling filling) throws IOException {
        HttpResponse<byte[]> template = intake.sendBytes("GET", "/api/forms/allowance/template.xlsx", null, null);
        assertThat(template.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
            filling.fill(workbook);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** A row of cells: strings as text, numbers as numbers, dates as date-formatted numbers; null left empty. */
    private static void row(XSSFSheet sheet, int index, CellStyle date, Object... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            int column = i == values.length - 1 ? 7 : i;
            if (values[i] instanceof String text) {
                row.createCell(column).setCellValue(text);
            }
            else if (values[i] instanceof Number number) {
                row.createCell(column).setCellValue(number.doubleValue());
            }
            else if (values[i] instanceof LocalDate day) {
                row.createCell(column).setCellValue(day);
                row.getCell(column).setCellStyle(date);
            }
        }
    }

    /** The XLSX with {@code part} grown by {@code spaces} spaces before its root's end (they pack to almost nil). */
    private static byte[] padded(byte[] xlsx, String part, int spaces) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(part)) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int end = xml.lastIndexOf("</");
                    zip.write(xml.substring(0, end).getBytes(StandardCharsets.UTF_8));
                    byte[] blanks = new byte[1024 * 1024];
                    Arrays.fill(blanks, (byte) ' ');
                    for (int written = 0; written < spaces; written += blanks.length) {
                        zip.write(blanks);
                    }
                    zip.write(xml.substring(end).getBytes(StandardCharsets.UTF_8));
                }
                else {
                    zip.write(content);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private Answer post(byte[] xlsx) {
        return new Answer(intake.sendBytes("POST", "/api/records/allowance/batch", XLSX, xlsx));
    }

    private Answer upload(String type, String contentType, byte[] body) {
        Answer accepted = new Answer(intake.sendBytes("POST", "/api/records/" + type + "/batch", contentType, body));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        return accepted;
    }

    private XSSFWorkbook rejected(String type, String jobId) throws IOException {
        HttpResponse<byte[]> response = intake.sendBytes("GET", "/api/records/" + type + "/batch/" + jobId
                + "/rejected.xlsx", null, null);
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(XLSX);
        return new XSSFWorkbook(new ByteArrayInputStream(response.body()));
    }

    private JsonNode stored(String idNumber) {
        HttpResponse<String> current = intake.current("allowance", idNumber);
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        return json.readTree(current.body()).path("data");
    }

    private JsonNode problem(Answer answer) {
        return json.readTree(answer.text());
    }

    private static String errorOf(Row row) {
        return row.getCell(row.getLastCellNum() - 1).getStringCellValue();
    }

    private JsonNode finished(Answer accepted) {
        return intake.finishedJob(accepted.header("Location").orElseThrow());
    }

    /** An answer to a binary request, its body read as text (problems and job views are JSON). */
    private record Answer(HttpResponse<byte[]> response) {

        int status() {
            return response.statusCode();
        }

        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }
    }
}
