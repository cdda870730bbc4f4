package io.fillonce.intake.form;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.fillonce.intake.IntakeIntegrationContext;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;

/** The forms API and the XLSX template on the whole service (see {@link IntakeIntegrationContext}). */
class FormsIntegrationTests extends IntakeIntegrationContext {

    private static final List<String> PATHS = List.of("/idNumber", "/name", "/gender", "/district", "/birthDate",
            "/householdSize", "/monthlyIncome", "/address/street", "/address/community");

    @Autowired
    private EmbeddedKafkaBroker kafka;

    @BeforeEach
    void registerAllowances() {
        Allowances.register(kafka.getBrokersAsString(), intake);
    }

    @Test
    void listsEveryFormSortedByTypeWithItsTitles() {
        JsonNode forms = json.readTree(intake.send("GET", "/api/forms", null, null).body()).path("forms");

        assertThat(forms).extracting(form -> form.path("type").asString()).contains("allowance", "resident")
                .isSorted();
        JsonNode allowance = form(forms, "allowance");
        assertThat(allowance.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(allowance.path("title").asString()).isEqualTo("Benefit application");
        assertThat(allowance.path("x-l10n").path("zh-CN").path("title").asString()).isEqualTo("低保申请");
        JsonNode resident = form(forms, "resident");
        assertThat(resident.path("title").asString()).as("a schema without a title: the type's name")
                .isEqualTo("resident");
        assertThat(resident.has("x-l10n")).isFalse();
    }

    @Test
    void describesOneFormWithItsSchemaAsRegistered() {
        JsonNode allowance = json.readTree(intake.send("GET", "/api/forms/allowance", null, null).body());
        JsonNode resident = json.readTree(intake.send("GET", "/api/forms/resident", null, null).body());

        assertThat(allowance.path("type").asString()).isEqualTo("allowance");
        assertThat(allowance.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(allowance.path("schema")).isEqualTo(Allowances.schema());
        assertThat(allowance.path("entityKey")).extracting(JsonNode::asString).containsExactly("idNumber");
        assertThat(allowance.has("regionField")).isTrue();
        assertThat(allowance.path("regionField").isNull()).isTrue();
        assertThat(allowance.path("crossRegionCorrection").asBoolean(true)).isFalse();
        assertThat(resident.path("regionField").asString()).isEqualTo("regionCode");
    }

    @Test
    void answersAnUnknownFormWithAProblem() {
        HttpResponse<String> form = intake.send("GET", "/api/forms/vehicle", null, null);
        HttpResponse<byte[]> template = intake.sendBytes("GET", "/api/forms/vehicle/template.xlsx", null, null);

        assertThat(form.statusCode()).isEqualTo(404);
        assertThat(form.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(form.body()).path("detail").asString()).contains("vehicle");
        assertThat(template.statusCode()).isEqualTo(404);
    }

    @Test
    void laysTheTemplateOutForPeopleAndForTheUpload() throws IOException {
        HttpResponse<byte[]> response = intake.sendBytes("GET", "/api/forms/allowance/template.xlsx", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(FormWorkbook.CONTENT_TYPE);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            XSSFSheet records = workbook.getSheetAt(0);
            assertThat(records.getSheetName()).isEqualTo("allowance");
            assertThat(cells(records.getRow(0))).startsWith("* 身份证号\nID number", "* 姓名\nName", "性别\nGender",
                    "* 区县\nDistrict", "* 出生日期\nDate of birth", "家庭人口\nHousehold size", "Monthly income",
                    "街道\nStreet", "address.community");
            assertThat(cells(records.getRow(1))).containsExactlyElementsOf(PATHS);
            assertThat(records.getRow(1).getZeroHeight()).as("the path row is hidden").isTrue();
            assertThat(records.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 2);
            assertThat(records.getColumnStyle(0).getDataFormatString()).isEqualTo("@");
            assertThat(records.getColumnStyle(4).getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(records.getColumnStyle(5).getDataFormatString()).isEqualTo("0");
            assertThat(records.getColumnStyle(6).getDataFormatString()).startsWith("0.");
            assertThat(records.getColumnWidth(0)).isGreaterThanOrEqualTo(12 * 256);

            List<? extends DataValidation> validations = records.getDataValidations();
            DataValidationConstraint gender = constraintOf(validations, 2);
            DataValidationConstraint district = constraintOf(validations, 3);
            assertThat(gender.getExplicitListValues()).containsExactly("F", "M");
            assertThat(district.getFormula1()).isEqualTo("'_lists'!$D$1:$D$60");
            Sheet lists = workbook.getSheet(FormWorkbook.LISTS);
            assertThat(workbook.isSheetHidden(workbook.getSheetIndex(lists))).isTrue();
            assertThat(lists.getRow(59).getCell(3).getStringCellValue()).isEqualTo("370660");

            Sheet help = workbook.getSheet(FormWorkbook.HELP);
            List<String> helpText = new ArrayList<>();
            help.forEach(row -> helpText.add(String.join(" | ", cells(row))));
            assertThat(helpText).anySatisfy(line -> assertThat(line).contains("身份证号\nID number", "/idNumber",
                    "必填 Required", "Pattern: ^[0-9]{15}([0-9]{2}[0-9X])?$", "15位或18位"));
            assertThat(helpText).anySatisfy(line -> assertThat(line).contains("/birthDate", "Format: date"));
            assertThat(helpText).anySatisfy(line -> assertThat(line).contains("/members"));
        }
    }

    /**
     * An independent reader (openpyxl, not POI) sees the same header and paths; skipped where no python3 with
     * openpyxl is installed, except in CI ({@code CI=true}), which installs python3-openpyxl.
     */
    @Test
    void readsTheSameTemplateWithOpenpyxl() throws Exception {
        String python = pythonWithOpenpyxl();
        Path template = Files.createTempFile("allowance-", ".xlsx");
        Path script = Files.createTempFile("read_template-", ".py");
        Path errors = Files.createTempFile("read_template-", ".err");
        try {
            Files.write(template, intake.sendBytes("GET", "/api/forms/allowance/template.xlsx", null, null).body());
            try (var in = getClass().getResourceAsStream("/forms/read_template.py")) {
                Files.write(script, in.readAllBytes());
            }
            Process reader = new ProcessBuilder(python, script.toString(), template.toString())
                    .redirectError(errors.toFile()).start();
            String output = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reader.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(reader.exitValue()).as(Files.readString(errors)).isZero();

            JsonNode read = json.readTree(output);
            assertThat(read.path("sheets")).extracting(JsonNode::asString).containsExactly("allowance",
                    FormWorkbook.HELP, FormWorkbook.LISTS);
            assertThat(read.path("hiddenSheets")).extracting(JsonNode::asString).containsExactly(FormWorkbook.LISTS);
            assertThat(read.path("header").get(0).asString()).isEqualTo("* 身份证号\nID number");
            assertThat(read.path("paths")).extracting(JsonNode::asString).containsExactlyElementsOf(PATHS);
            assertThat(read.path("pathRowHidden").asBoolean()).isTrue();
            assertThat(read.path("frozen").asString()).isEqualTo("A3");
            assertThat(read.path("validations")).extracting(validation -> validation.path("list").asString())
                    .contains("\"F,M\"", "'_lists'!$D$1:$D$60");
        }
        finally {
            Files.deleteIfExists(template);
            Files.deleteIfExists(script);
            Files.deleteIfExists(errors);
        }
    }

    /** A python3 that imports openpyxl (the one on the PATH, else Debian's), or the test is skipped outside CI. */
    private static String pythonWithOpenpyxl() throws InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process probe = new ProcessBuilder(python, "-c", "import openpyxl").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return python;
                }
            }
            catch (IOException notInstalled) {
                // try the next one
            }
        }
        assertThat(System.getenv("CI")).as("CI must install python3 and python3-openpyxl (.ci/run does)")
                .isNotEqualToIgnoringCase("true");
        Assumptions.abort("needs python3 with openpyxl (apt-get install python3-openpyxl)");
        return null;
    }

    /** The form of {@code type} in the list (other test classes sharing the service register types of their own). */
    private static JsonNode form(JsonNode forms, String type) {
        for (JsonNode form : forms) {
            if (type.equals(form.path("type").asString())) {
                return form;
            }
        }
        throw new AssertionError("no form " + type + " in " + forms);
    }

    private static DataValidationConstraint constraintOf(List<? extends DataValidation> validations, int column) {
        return validations.stream()
                .filter(validation -> validation.getRegions().getCellRangeAddress(0).getFirstColumn() == column)
                .findFirst().orElseThrow().getValidationConstraint();
    }

    static List<String> cells(Row row) {
        return IntStream.range(0, row.getLastCellNum())
                .mapToObj(i -> row.getCell(i) == null ? "" : row.getCell(i).getStringCellValue()).toList();
    }
}
