package io.fillonce.intake.batch;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The SAX side of reading a worksheet ({@code xl/worksheets/sheetN.xml}) row by row, never the whole sheet in memory:
 * each {@code <row>} is handed on as its cells' text by column. A cell's text is what a person sees typed, without
 * the spreadsheet's number rendering: a number as its plain digits ({@code 110101199001011}, never {@code 1.1E14} or
 * {@code ...011.0}), a date-formatted number as ISO {@code yyyy-MM-dd}, a boolean as {@code true}/{@code false}, a
 * shared or inline string as its text (phonetic runs left out). No row holds more than {@code maxRowChars}: cells
 * past it are dropped and the row is handed on as {@link Row#tooLong()}.
 */
final class SheetRows extends DefaultHandler {

    /** One row of the sheet: its 1-based number and its non-empty cells by 0-based column. */
    record Row(long number, Map<Integer, String> cells, boolean tooLong) {
    }

    /** Receives the rows; may throw {@link Stop} to end the read early. */
    interface Rows {
        void row(Row row) throws SAXException;
    }

    /** Thrown by a {@link Rows} that has read what it needed. */
    static final class Stop extends SAXException {
        Stop() {
            super("stopped reading");
        }
    }

    private static final int MAX_SCALE = 400;

    private final SharedStrings strings;

    private final StylesTable styles;

    private final Set<Integer> dateColumns;

    private final int maxRowChars;

    private final Rows rows;

    private String dimension;

    private long rowNumber;

    private Map<Integer, String> cells = new TreeMap<>();

    private int rowChars;

    private boolean tooLong;

    private int column = -1;

    private String cellType;

    private int cellStyle;

    /** The cell's {@code <v>}: a number, a shared string's index, a boolean, a formula's result. */
    private final StringBuilder value = new StringBuilder();

    /** The cell's {@code <is>} text, an inline string's (read when the cell has no {@code <v>}, as POI does). */
    private final StringBuilder inline = new StringBuilder();

    private StringBuilder capturing = value;

    private boolean inValue;

    private boolean inPhonetic;

    SheetRows(SharedStrings strings, StylesTable styles, Set<Integer> dateColumns, int maxRowChars, Rows rows) {
        this.strings = strings;
        this.styles = styles;
        this.dateColumns = dateColumns;
        this.maxRowChars = maxRowChars;
        this.rows = rows;
    }

    /** The sheet's declared used range (e.g. {@code A1:K120}), if it has reached it; may be absent or wrong. */
    String dimension() {
        return dimension;
    }

    /** A row or cell whose position or style attribute does not read is a broken file, not a server fault. */
    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        try {
            start(localName, attributes);
        }
        catch (IllegalArgumentException broken) { // NumberFormatException too
            throw new SAXException("row " + rowNumber + ": an unreadable " + localName + " attribute ("
                    + broken.getMessage() + ")", broken);
        }
    }

    private void start(String localName, Attributes attributes) {
        switch (localName) {
            case "dimension" -> dimension = attributes.getValue("ref");
            case "row" -> {
                String r = attributes.getValue("r");
                rowNumber = r != null ? Long.parseLong(r) : rowNumber + 1;
                cells = new TreeMap<>();
                rowChars = 0;
                tooLong = false;
                column = -1;
            }
            case "c" -> {
                String r = attributes.getValue("r");
                column = r != null ? new CellReference(r).getCol() : column + 1;
                cellType = attributes.getValue("t");
                String s = attributes.getValue("s");
                cellStyle = s != null ? Integer.parseInt(s) : 0;
                value.setLength(0);
                inline.setLength(0);
            }
            case "rPh" -> inPhonetic = true;
            case "v" -> {
                inValue = true;
                capturing = value;
            }
            case "t" -> {
                inValue = !inPhonetic;
                capturing = inline;
            }
            default -> {
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (inValue && !tooLong) {
            if (rowChars + capturing.length() + length > maxRowChars) {
                tooLong = true;
                value.setLength(0);
                inline.setLength(0);
            }
            else {
                capturing.append(ch, start, length);
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        switch (localName) {
            case "v", "t" -> inValue = false;
            case "rPh" -> inPhonetic = false;
            case "c" -> cell();
            case "row" -> rows.row(new Row(rowNumber, cells, tooLong));
            default -> {
            }
        }
    }

    private void cell() {
        if (tooLong || value.isEmpty() && inline.isEmpty()) {
            return;
        }
        String raw = value.isEmpty() ? inline.toString() : value.toString();
        String text = switch (cellType == null ? "n" : cellType) {
            case "s" -> shared(raw);
            case "b" -> "1".equals(raw.strip()) ? "true" : "false";
            case "n" -> number(raw);
            default -> raw; // inlineStr, str (a formula's text), e (an error such as #N/A: the schema check names it)
        };
        rowChars += text.length();
        if (rowChars > maxRowChars) {
            tooLong = true;
            cells.clear();
        }
        else if (!text.isEmpty()) {
            cells.put(column, text);
        }
    }

    private String shared(String raw) {
        try {
            return strings.getItemAt(Integer.parseInt(raw.strip())).getString();
        }
        catch (RuntimeException e) {
            return raw; // a broken reference stays visible to the schema check
        }
    }

    private String number(String raw) {
        String trimmed = raw.strip();
        try {
            if (dateColumns.contains(column) || isDate()) {
                LocalDateTime date = DateUtil.getLocalDateTime(Double.parseDouble(trimmed));
                if (date != null) {
                    return date.toLocalDate().toString();
                } // no date (a negative number): the number, for the schema check to refuse
            }
            BigDecimal number = new BigDecimal(trimmed).stripTrailingZeros();
            // 1E+999999999 would be a billion digits written out: such a cell stays as it is written
            return Math.abs(number.scale()) > MAX_SCALE ? trimmed : number.toPlainString();
        }
        catch (NumberFormatException notANumber) {
            return trimmed;
        }
    }

    private boolean isDate() {
        if (styles == null || cellStyle < 0 || cellStyle >= styles.getNumCellStyles()) {
            return false;
        }
        XSSFCellStyle style = styles.getStyleAt(cellStyle);
        return style != null && DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString());
    }
}
