package io.fillonce.intake.form;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import io.fillonce.intake.registry.RecordType;
import tools.jackson.databind.JsonNode;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A record type's spreadsheet, written streaming (SXSSF: only a window of rows in memory): the first sheet holds
 * records, row 1 the header ("中文标题\nEnglish title" per column, required fields marked with a red "*"), row 2,
 * hidden, each column's JSON Pointer, which the upload reads columns by (so the header's language, or a column's
 * order, never matters); enums get drop-down lists (long ones from the hidden sheet {@value #LISTS}), string columns
 * the text format {@code @} (ID numbers must not become numbers), {@code "format": "date"} columns a date format,
 * integer and number columns number formats. The sheet {@value #HELP} lists every field and its rules in both
 * languages, and the array fields that have no column ({@link FormFields#leftOut()}).
 * <p>
 * The rejected rows of an upload use the same layout with one more column, {@value #ERROR}, whose path cell is
 * empty: the file, once corrected, can be uploaded again as it is.
 */
public final class FormWorkbook implements AutoCloseable {

    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static final String HELP = "说明 Help";

    /** Record type names start with a letter, so no records sheet is ever named like this one. */
    public static final String LISTS = "_lists";

    public static final String ERROR = "错误 Error";

    /** Header row, then the hidden row of JSON Pointers; records start on the third row. */
    public static final int PATH_ROW = 1;

    public static final int FIRST_RECORD_ROW = 2;

    /** Excel's limit for a drop-down list written into the validation itself, and for its error text. */
    private static final int INLINE_LIST_CHARS = 255;

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(200);

    private final List<FormField> fields;

    private final SXSSFSheet records;

    private final Styles styles;

    private final boolean errors;

    private int nextRow = FIRST_RECORD_ROW;

    private FormWorkbook(RecordType type, boolean errors) {
        FormFields form = FormFields.of(type.schema().getSchemaNode());
        this.fields = form.fields();
        this.errors = errors;
        this.styles = new Styles();
        this.records = workbook.createSheet(WorkbookUtil.createSafeSheetName(type.name()));
        header();
        new HelpSheet(workbook.createSheet(HELP), styles.header, styles.wrapped).write(type, form);
        dropDowns();
        records.createFreezePane(0, FIRST_RECORD_ROW);
    }

    /** The empty template of a record type. */
    public static FormWorkbook template(RecordType type) {
        return new FormWorkbook(type, false);
    }

    /** The template's layout plus the {@value #ERROR} column, to be filled with {@link #row}. */
    public static FormWorkbook withErrors(RecordType type) {
        return new FormWorkbook(type, true);
    }

    public List<FormField> fields() {
        return fields;
    }

    /** One record row: each column's value at its pointer in {@code record} (left empty when absent). */
    public void row(JsonNode record, String error) {
        Row row = records.createRow(nextRow++);
        for (int i = 0; i < fields.size(); i++) {
            JsonNode value = record == null ? null : record.at(fields.get(i).pointer());
            if (value == null || value.isMissingNode() || value.isNull() || value.isContainer()) {
                continue;
            }
            Cell cell = row.createCell(i);
            cell.setCellStyle(styles.of(fields.get(i)));
            if (value.isNumber()) {
                cell.setCellValue(value.asDouble());
            }
            else if (value.isBoolean()) {
                cell.setCellValue(value.asBoolean());
            }
            else {
                cell.setCellValue(value.asString());
            }
        }
        if (errors) {
            Cell cell = row.createCell(fields.size());
            cell.setCellStyle(styles.wrapped);
            cell.setCellValue(error);
        }
    }

    public void write(OutputStream out) throws IOException {
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }

    private void header() {
        Row labels = records.createRow(0);
        Row paths = records.createRow(PATH_ROW);
        labels.setHeightInPoints(32);
        paths.setZeroHeight(true);
        for (int i = 0; i < fields.size(); i++) {
            FormField field = fields.get(i);
            Cell label = labels.createCell(i);
            label.setCellValue(field.required() ? "* " + field.label() : field.label());
            label.setCellStyle(field.required() ? styles.requiredHeader : styles.header);
            Cell path = paths.createCell(i);
            path.setCellValue(field.pointer());
            path.setCellStyle(styles.text);
            records.setDefaultColumnStyle(i, styles.of(field));
            records.setColumnWidth(i, width(field.label()));
        }
        if (errors) {
            Cell label = labels.createCell(fields.size());
            label.setCellValue(ERROR);
            label.setCellStyle(styles.requiredHeader);
            records.setColumnWidth(fields.size(), 60 * 256);
        }
    }

    /** A drop-down list per enum column, from the hidden {@value #LISTS} sheet when it is too long to inline. */
    private void dropDowns() {
        DataValidationHelper helper = records.getDataValidationHelper();
        SXSSFSheet lists = null;
        int last = SpreadsheetVersion.EXCEL2007.getLastRowIndex();
        for (int i = 0; i < fields.size(); i++) {
            List<String> options = fields.get(i).options();
            if (options.isEmpty()) {
                continue;
            }
            DataValidationConstraint constraint;
            if (String.join(",", options).length() <= INLINE_LIST_CHARS
                    && options.stream().noneMatch(option -> option.contains(",") || option.contains("\""))) {
                constraint = helper.createExplicitListConstraint(options.toArray(String[]::new));
            }
            else {
                if (lists == null) {
                    lists = workbook.createSheet(LISTS);
                    workbook.setSheetHidden(workbook.getSheetIndex(lists), true);
                }
                constraint = helper.createFormulaListConstraint(listRange(lists, i, options));
            }
            DataValidation validation = helper.createValidation(constraint,
                    new CellRangeAddressList(FIRST_RECORD_ROW, last, i, i));
            validation.setShowErrorBox(true);
            validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
            String choose = "请从列表中选择 Choose a value from the list";
            String listed = choose + ": " + String.join(", ", options);
            validation.createErrorBox("取值无效 Not allowed", listed.length() <= INLINE_LIST_CHARS ? listed : choose);
            records.addValidationData(validation);
        }
    }

    /** Writes the options down column {@code column} of the lists sheet; the absolute range holding them. */
    private static String listRange(SXSSFSheet lists, int column, List<String> options) {
        for (int row = 0; row < options.size(); row++) {
            Row line = lists.getRow(row) != null ? lists.getRow(row) : lists.createRow(row);
            line.createCell(column).setCellValue(options.get(row));
        }
        String letter = CellReference.convertNumToColString(column);
        return "'" + LISTS + "'!$" + letter + "$1:$" + letter + "$" + options.size();
    }

    /** Wide enough for the longer header line (CJK characters count twice), within 12 to 40 characters. */
    static int width(String label) {
        int widest = 0;
        for (String line : label.split("\n")) {
            widest = Math.max(widest, line.codePoints().map(c -> c > 0x2E80 ? 2 : 1).sum());
        }
        return Math.min(40, Math.max(12, widest + 4)) * 256;
    }

    /** The cell styles of the workbook, made once each. */
    private final class Styles {

        private final CellStyle header = headerStyle(false);

        private final CellStyle requiredHeader = headerStyle(true);

        private final CellStyle wrapped = workbook.createCellStyle();

        private final CellStyle text = format("@");

        private final CellStyle date = format("yyyy-mm-dd");

        private final CellStyle integer = format("0");

        private final CellStyle number = format("0.##########");

        private final CellStyle general = workbook.createCellStyle();

        Styles() {
            wrapped.setWrapText(true);
            wrapped.setVerticalAlignment(VerticalAlignment.TOP);
        }

        CellStyle of(FormField field) {
            if (field.isDate()) {
                return date;
            }
            return switch (field.type()) {
                case "integer" -> integer;
                case "number" -> number;
                case "boolean" -> general;
                default -> text;
            };
        }

        private CellStyle format(String format) {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(format));
            return style;
        }

        private CellStyle headerStyle(boolean required) {
            Font font = workbook.createFont();
            font.setBold(true);
            if (required) {
                font.setColor(IndexedColors.DARK_RED.getIndex());
            }
            CellStyle style = workbook.createCellStyle();
            style.setFont(font);
            style.setWrapText(true);
            style.setVerticalAlignment(VerticalAlignment.TOP);
            style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            style.setBorderBottom(BorderStyle.THIN);
            return style;
        }
    }
}
