package io.fillonce.intake.batch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.xml.parsers.ParserConfigurationException;

import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.form.FormField;
import io.fillonce.intake.form.FormFields;
import io.fillonce.intake.form.FormWorkbook;
import io.fillonce.intake.registry.RecordType;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.springframework.stereotype.Component;

/**
 * XLSX bulk uploads (the layout of {@link FormWorkbook}), read streaming with POI's event model ({@link XSSFReader},
 * SAX over the first sheet's XML), never as a workbook in memory. Before the upload is accepted, {@link #check} reads
 * only its head: it must be a zip within bounds (no part unpacking beyond {@code max-unzipped-bytes} or to more than
 * {@value #MAX_EXPANSION} times its packed size: zip bombs are refused before they are unpacked, and POI's
 * {@link ZipSecureFile} stops any part whose sizes were forged while it is read), an XLSX, with the path row (row 2)
 * naming only fields of the type. Then {@link #read} hands the record rows (row 3 on) on as cells by column, at
 * most {@code max-rows} of them, none over {@code max-record-bytes}. The shared strings (text cells as Excel saves
 * them) are held in memory while the sheet is read, so their part is bounded on its own
 * ({@code max-shared-strings-bytes}).
 */
@Component
class XlsxUploads {

    /** The most a part may unpack to per packed byte; POI's own default guard is the same (1 %). */
    static final int MAX_EXPANSION = 100;

    private static final long SMALL_PART = 1024 * 1024;

    private static final int MAX_PARTS = 1000;

    /**
     * What the head of an upload says: each column's path ("" for none), the columns of {@code "format": "date"}
     * fields (a number there is a date, whatever the cell's format), and the record rows it declares (or null).
     */
    record Head(String[] paths, Set<Integer> dateColumns, Long declaredRows) {
    }

    /** Receives the record rows, numbered as the spreadsheet numbers them. */
    interface Records {
        void record(long row, String[] cells);

        void tooLong(long row);
    }

    private final long maxUnzippedBytes;

    private final long maxSharedStringsBytes;

    private final long maxRows;

    private final int maxRowChars;

    XlsxUploads(IntakeProperties properties) {
        IntakeProperties.Xlsx xlsx = properties.jobs().xlsx();
        this.maxUnzippedBytes = xlsx.maxUnzippedBytes().toBytes();
        this.maxSharedStringsBytes = xlsx.maxSharedStringsBytes().toBytes();
        this.maxRows = xlsx.maxRows();
        this.maxRowChars = (int) Math.min(Integer.MAX_VALUE - 8, properties.maxRecordBytes().toBytes());
        ZipSecureFile.setMaxEntrySize(maxUnzippedBytes);
        ZipSecureFile.setMinInflateRatio(1.0 / MAX_EXPANSION);
        ZipSecureFile.setMaxFileCount(MAX_PARTS);
    }

    /** Reads the upload's head; refuses what cannot be read as records of {@code type}. */
    Head check(Path file, RecordType type) {
        checkZip(file);
        String[] paths;
        String dimension;
        try (OPCPackage xlsx = open(file)) {
            HeadRows head = new HeadRows();
            dimension = parse(xlsx, Set.of(), head);
            if (head.paths == null) {
                throw new InvalidSpreadsheet("The spreadsheet has no path row: row 2 of its first sheet must hold "
                        + "each column's field path (e.g. /idNumber), as the template from /api/forms/"
                        + type.name() + "/template.xlsx does (the row is hidden there; keep it).");
            }
            paths = paths(head.paths, type);
        }
        catch (TooLarge e) {
            throw InvalidSpreadsheet.tooLarge("The spreadsheet's " + e.getMessage() + ".");
        }
        catch (IOException e) {
            throw new InvalidSpreadsheet("The upload is not a readable XLSX file: " + e.getMessage());
        }
        Long declared = declaredRows(dimension);
        if (declared != null && declared > maxRows) {
            throw InvalidSpreadsheet.tooLarge("The spreadsheet declares " + declared + " record rows; at most "
                    + maxRows + " are accepted in one upload: split it.");
        }
        return new Head(paths, dateColumns(paths, type), declared);
    }

    /** Hands on every record row of the upload's first sheet after the path row; blank rows are skipped. */
    void read(Path file, Head head, Records records) throws IOException {
        String[] paths = head.paths();
        try (OPCPackage xlsx = open(file)) {
            long[] count = { 0 };
            parse(xlsx, head.dateColumns(), row -> {
                if (row.number() <= FormWorkbook.FIRST_RECORD_ROW || row.cells().isEmpty() && !row.tooLong()) {
                    return;
                }
                if (++count[0] > maxRows) {
                    throw new SAXException("row " + row.number() + " is beyond the " + maxRows
                            + " record rows accepted in one upload; split it");
                }
                if (row.tooLong()) {
                    records.tooLong(row.number());
                }
                else {
                    records.record(row.number(), cells(row, paths.length));
                }
            });
        }
    }

    /** Parses the first sheet, handing its rows to {@code rows} until they {@link SheetRows.Stop}; its dimension. */
    private String parse(OPCPackage xlsx, Set<Integer> dateColumns, SheetRows.Rows rows) throws IOException {
        try {
            XSSFReader reader = new XSSFReader(xlsx);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new InvalidSpreadsheet("The spreadsheet has no sheet.");
            }
            SheetRows handler = new SheetRows(sharedStrings(xlsx), styles(reader), dateColumns, maxRowChars,
                    rows);
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(handler);
            try (InputStream sheet = sheets.next()) {
                parser.parse(new InputSource(sheet));
            }
            catch (SheetRows.Stop enough) {
                // the rows needed are read
            }
            return handler.dimension();
        }
        catch (SAXException | ParserConfigurationException | OpenXML4JException | POIXMLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private SharedStrings sharedStrings(OPCPackage xlsx) throws IOException, SAXException {
        var parts = xlsx.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return new ReadOnlySharedStringsTable(InputStream.nullInputStream(), false);
        }
        try (InputStream in = new Bounded(parts.get(0).getInputStream(), maxSharedStringsBytes)) {
            return new ReadOnlySharedStringsTable(in, false); // without phonetic runs, as inline strings are read
        }
    }

    private static StylesTable styles(XSSFReader reader) {
        try {
            return reader.getStylesTable();
        }
        catch (IOException | OpenXML4JException | RuntimeException noStyles) {
            return null; // every number is then read as a number, none as a date
        }
    }

    private static OPCPackage open(Path file) throws IOException {
        try {
            return OPCPackage.open(file.toFile(), PackageAccess.READ);
        }
        catch (OpenXML4JException | RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Refuses a zip with too many parts, or a part that would unpack beyond the bounds, before unpacking any. */
    private void checkZip(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_PARTS) {
                throw InvalidSpreadsheet.tooLarge("The spreadsheet has " + zip.size() + " parts; at most "
                        + MAX_PARTS + " are accepted.");
            }
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                if (entry.getSize() > maxUnzippedBytes) {
                    throw InvalidSpreadsheet.tooLarge("The spreadsheet's part " + entry.getName() + " unpacks to "
                            + entry.getSize() + " bytes; at most " + maxUnzippedBytes + " are accepted per part.");
                }
                if (entry.getSize() > SMALL_PART && entry.getCompressedSize() > 0
                        && entry.getSize() / entry.getCompressedSize() > MAX_EXPANSION) {
                    throw InvalidSpreadsheet.tooLarge("The spreadsheet's part " + entry.getName() + " unpacks to "
                            + entry.getSize() / entry.getCompressedSize() + " times its packed size; at most "
                            + MAX_EXPANSION + " times is accepted (this is how zip bombs look).");
                }
            }
        }
        catch (ZipException e) {
            throw new InvalidSpreadsheet("The upload is not an XLSX file (an XLSX is a zip archive): "
                    + e.getMessage());
        }
        catch (IOException e) {
            throw new InvalidSpreadsheet("The upload could not be read as a zip archive: " + e.getMessage());
        }
    }

    /** The paths of the path row by column; each must be a field of the type, and no field may have two columns. */
    private static String[] paths(Map<Integer, String> row, RecordType type) {
        FormFields form = FormFields.of(type.schema().getSchemaNode());
        int width = row.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        String[] paths = new String[width];
        Map<String, String> columnOf = new HashMap<>();
        List<String> fields = form.fields().stream().map(FormField::pointer).toList();
        for (int column = 0; column < width; column++) {
            String path = row.getOrDefault(column, "").strip();
            paths[column] = path;
            if (path.isEmpty()) {
                continue;
            }
            String letter = CellReference.convertNumToColString(column);
            if (!fields.contains(path)) {
                throw new InvalidSpreadsheet("Column " + letter + " names the path " + quoted(path) + " in row 2, "
                        + "which is not a field of record type " + type.name() + " (its fields: "
                        + String.join(", ", fields) + ").");
            }
            String earlier = columnOf.put(path, letter);
            if (earlier != null) {
                throw new InvalidSpreadsheet("Columns " + earlier + " and " + letter + " both name the path "
                        + quoted(path) + " in row 2; each field may have one column.");
            }
        }
        if (columnOf.isEmpty()) {
            throw new InvalidSpreadsheet("Row 2 of the spreadsheet names no field path; it must hold each column's "
                    + "path (e.g. /idNumber), as the template from /api/forms/" + type.name()
                    + "/template.xlsx does.");
        }
        return paths;
    }

    private static Set<Integer> dateColumns(String[] paths, RecordType type) {
        FormFields form = FormFields.of(type.schema().getSchemaNode());
        Set<Integer> dates = new HashSet<>();
        for (int column = 0; column < paths.length; column++) {
            if (form.field(paths[column]).filter(FormField::isDate).isPresent()) {
                dates.add(column);
            }
        }
        return Set.copyOf(dates);
    }

    private static String quoted(String path) {
        return "'" + (path.length() > 100 ? path.substring(0, 100) + "..." : path) + "'";
    }

    private static String[] cells(SheetRows.Row row, int width) {
        String[] cells = new String[width];
        row.cells().forEach((column, value) -> {
            if (column < width) {
                cells[column] = value;
            }
        });
        return cells;
    }

    /** The record rows a dimension such as {@code A1:K120} declares (rows past the path row), or null. */
    static Long declaredRows(String dimension) {
        if (dimension == null || !dimension.contains(":")) {
            return null;
        }
        try {
            long last = new CellReference(dimension.substring(dimension.indexOf(':') + 1)).getRow() + 1L;
            return Math.max(0, last - FormWorkbook.FIRST_RECORD_ROW);
        }
        catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** Rows 1 and 2: the header, ignored (its language never matters), and the paths. */
    private static final class HeadRows implements SheetRows.Rows {

        private Map<Integer, String> paths;

        @Override
        public void row(SheetRows.Row row) throws SAXException {
            if (row.number() == FormWorkbook.PATH_ROW + 1) {
                paths = row.cells();
            }
            if (row.number() > FormWorkbook.PATH_ROW) {
                throw new SheetRows.Stop();
            }
        }
    }

    /** A part larger than its bound. */
    private static final class TooLarge extends IOException {

        TooLarge(String message) {
            super(message);
        }
    }

    /** An input stream that fails once more than {@code max} bytes were read from it. */
    private static final class Bounded extends FilterInputStream {

        private final long max;

        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                throw new TooLarge("shared strings are larger than the " + max
                        + " bytes accepted (max-shared-strings-bytes)");
            }
        }
    }
}
