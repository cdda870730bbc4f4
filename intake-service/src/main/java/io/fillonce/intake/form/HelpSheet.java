package io.fillonce.intake.form;

import java.util.ArrayList;
import java.util.List;

import io.fillonce.intake.registry.RecordType;
import tools.jackson.databind.JsonNode;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;

/**
 * The template's sheet {@value FormWorkbook#HELP}: one row per column of the records sheet with its title, JSON
 * Pointer, type, whether it is required and its rules (pattern, allowed values, format, lengths, bounds), each in
 * Chinese and English; then the array fields the spreadsheet leaves out.
 */
final class HelpSheet {

    private static final String[] HEADERS = { "字段 Field", "路径 Path", "类型 Type", "必填 Required",
            "规则 Rules", "说明 Description" };

    private static final int[] WIDTHS = { 30, 24, 16, 12, 50, 50 };

    private final SXSSFSheet sheet;

    private final CellStyle header;

    private final CellStyle wrapped;

    HelpSheet(SXSSFSheet sheet, CellStyle header, CellStyle wrapped) {
        this.sheet = sheet;
        this.header = header;
        this.wrapped = wrapped;
    }

    void write(RecordType type, FormFields form) {
        JsonNode schema = type.schema().getSchemaNode();
        int next = 0;
        next = line(next, both(FormFields.localized(schema, FormFields.ZH, "title"), FormFields.text(schema, "title"),
                type.name()) + " — 模式版本 schema version " + type.version());
        next = line(next, "每行一条记录；第2行（隐藏）是各列的字段路径，上传时按它读取各列，请勿修改。"
                + "\nOne record per row; row 2 (hidden) holds each column's field path, which the upload reads the "
                + "columns by: do not change it.");
        next++;
        Row headings = sheet.createRow(next++);
        for (int i = 0; i < HEADERS.length; i++) {
            headings.createCell(i).setCellValue(HEADERS[i]);
            headings.getCell(i).setCellStyle(header);
            sheet.setColumnWidth(i, WIDTHS[i] * 256);
        }
        for (FormField field : form.fields()) {
            Row row = sheet.createRow(next++);
            String[] cells = { field.label(), field.pointer(), type(field), field.required() ? "是 Yes" : "否 No",
                    String.join("\n", rules(field)), description(field.schema()) };
            for (int i = 0; i < cells.length; i++) {
                row.createCell(i).setCellValue(cells[i]);
                row.getCell(i).setCellStyle(wrapped);
            }
        }
        if (!form.leftOut().isEmpty()) {
            next++;
            line(next, "以下列表字段不能用表格填写，请通过接口或工作台提交：" + String.join(", ", form.leftOut())
                    + "\nThese list fields have no column (a list is not spreadsheet-shaped); submit them through "
                    + "the API or the workspace: " + String.join(", ", form.leftOut()));
        }
    }

    private int line(int row, String text) {
        Row line = sheet.createRow(row);
        line.createCell(0).setCellValue(text);
        line.getCell(0).setCellStyle(wrapped);
        return row + 1;
    }

    private static String type(FormField field) {
        if (field.isDate()) {
            return "日期 date (yyyy-MM-dd)";
        }
        return switch (field.type()) {
            case "integer" -> "整数 integer";
            case "number" -> "数字 number";
            case "boolean" -> "是/否 boolean (TRUE/FALSE)";
            default -> "文本 text";
        };
    }

    private static List<String> rules(FormField field) {
        JsonNode schema = field.schema();
        List<String> rules = new ArrayList<>();
        if (field.required()) {
            rules.add("必填 Required");
        }
        if (!field.options().isEmpty()) {
            rules.add("取值 Allowed values: " + String.join(", ", field.options()));
        }
        if (schema.has("pattern")) {
            rules.add("格式（正则） Pattern: " + schema.path("pattern").asString());
        }
        if (field.format() != null) {
            rules.add("格式 Format: " + field.format());
        }
        bound(rules, schema, "minLength", "最少字符 At least characters");
        bound(rules, schema, "maxLength", "最多字符 At most characters");
        bound(rules, schema, "minimum", "最小值 Minimum");
        bound(rules, schema, "maximum", "最大值 Maximum");
        return rules;
    }

    private static void bound(List<String> rules, JsonNode schema, String keyword, String label) {
        if (schema.path(keyword).isNumber()) {
            rules.add(label + ": " + schema.path(keyword).asString());
        }
    }

    private static String description(JsonNode schema) {
        return both(FormFields.localized(schema, FormFields.ZH, "description"), FormFields.text(schema, "description"),
                "");
    }

    private static String both(String zh, String en, String neither) {
        if (zh == null && en == null) {
            return neither;
        }
        return zh == null ? en : en == null || en.equals(zh) ? zh : zh + "\n" + en;
    }
}
