package io.fillonce.intake.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipOutputStream;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipEntry;

import io.fillonce.intake.IntakeProperties;
import io.fillonce.intake.form.Allowances;
import io.fillonce.intake.form.FormWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading XLSX uploads: cells as a person typed them, bounded rows, the head checked against the type. */
class XlsxUploadsTests {

    private final List<Path> files = new ArrayList<>();

    @AfterEach
    void deleteFiles() throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void readsNumbersAsTheirDigitsBooleansAsWordsAndDatesAsIsoDates() throws IOException {
        Path upload = upload(sheet -> {
            Row row = sheet.createRow(2);
            row.createCell(0).setCellValue(370602900101123d);
            row.createCell(1).setCellValue(12.0);
            row.createCell(2).setCellValue(true);
            row.createCell(4).setCellValue(32874);
            row.createCell(5).setCellValue(0.1);
        });
        XlsxUploads xlsx = uploads(Map.of());

        List<String[]> rows = read(xlsx, upload);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).as("a number in the date column is a date, even unformatted")
                .startsWith("370602900101123", "12", "true", null, "1990-01-01", "0.1");
    }

    @Test
    void skipsBlankRowsAndNumbersRowsAsTheSpreadsheetDoes() throws IOException {
        Path upload = upload(sheet -> {
            sheet.createRow(2);
            sheet.createRow(6).createCell(1).setCellValue("王芳");
        });
        List<Long> numbers = new ArrayList<>();

        uploads(Map.of()).read(upload, head(upload), new XlsxUploads.Records() {
            @Override
            public void record(long row, String[] cells) {
                numbers.add(row);
            }

            @Override
            public void tooLong(long row) {
                numbers.add(-row);
            }
        });

        assertThat(numbers).containsExactly(7L);
    }

    @Test
    void handsOnARowLongerThanARecordAsTooLong() throws IOException {
        Path upload = upload(sheet -> {
            sheet.createRow(2).createCell(1).setCellValue("x".repeat(600));
            sheet.createRow(3).createCell(1).setCellValue("short");
        });
        List<Long> tooLong = new ArrayList<>();
        List<Long> records = new ArrayList<>();

        uploads(Map.of("fillonce.intake.max-record-bytes", "512B")).read(upload, head(upload),
                new XlsxUploads.Records() {
                    @Override
                    public void record(long row, String[] cells) {
                        records.add(row);
                    }

                    @Override
                    public void tooLong(long row) {
                        tooLong.add(row);
                    }
                });

        assertThat(tooLong).containsExactly(3L);
        assertThat(records).containsExactly(4L);
    }

    @Test
    void stopsAtTheRowBoundAndRefusesASheetDeclaringMore() throws IOException {
        Path upload = upload(sheet -> {
            for (int i = 2; i < 6; i++) {
                sheet.createRow(i).createCell(1).setCellValue("name " + i);
            }
        });
        XlsxUploads xlsx = uploads(Map.of("fillonce.intake.jobs.xlsx.max-rows", "3"));

        assertThatThrownBy(() -> xlsx.check(upload, Allowances.type())).isInstanceOf(InvalidSpreadsheet.class)
                .hasMessageContaining("declares 4 record rows; at most 3")
                .satisfies(refusal -> assertThat(((InvalidSpreadsheet) refusal).tooLarge()).isTrue());
        assertThatThrownBy(() -> read(xlsx, upload)).isInstanceOf(IOException.class)
                .hasMessageContaining("row 6 is beyond the 3 record rows");
    }

    @Test
    void aCellThatIsNoDateStaysAsWrittenAndAnUnreadableRowIsARefusedFileNotAFault() throws IOException {
        Path upload = upload(sheet -> sheet.createRow(2).createCell(4).setCellValue(-5));
        assertThat(read(uploads(Map.of()), upload).get(0)[4]).as("-5 names no date: the schema check refuses it")
                .isEqualTo("-5");

        Path brokenHead = rewrittenSheet(upload, "<row r=\"2\"", "<row r=\"two\"");
        assertThatThrownBy(() -> uploads(Map.of()).check(brokenHead, Allowances.type()))
                .isInstanceOf(InvalidSpreadsheet.class).hasMessageContaining("unreadable row attribute");
        Path brokenRow = rewrittenSheet(upload, "<row r=\"3\"", "<row r=\"three\"");
        XlsxUploads.Head head = head(upload);
        assertThatThrownBy(() -> uploads(Map.of()).read(brokenRow, head, new XlsxUploads.Records() {
            @Override
            public void record(long row, String[] cells) {
            }

            @Override
            public void tooLong(long row) {
            }
        })).as("the job ends saying why").isInstanceOf(IOException.class)
                .hasMessageContaining("unreadable row attribute");
    }

    /** The upload with its first sheet's XML changed, as a hand-edited or broken file would have it. */
    private Path rewrittenSheet(Path upload, String from, String to) throws IOException {
        Path rewritten = Files.createTempFile("rewritten-", ".xlsx");
        files.add(rewritten);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(upload));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    assertThat(xml).contains(from);
                    content = xml.replace(from, to).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return rewritten;
    }

    private List<String[]> read(XlsxUploads xlsx, Path upload) throws IOException {
        List<String[]> rows = new ArrayList<>();
        xlsx.read(upload, head(upload), new XlsxUploads.Records() {
            @Override
            public void record(long row, String[] cells) {
                rows.add(cells);
            }

            @Override
            public void tooLong(long row) {
                rows.add(null);
            }
        });
        return rows;
    }

    private static XlsxUploads.Head head(Path upload) {
        return uploads(Map.of()).check(upload, Allowances.type());
    }

    private interface Filling {
        void fill(XSSFSheet sheet);
    }

    /** The allowance template (as the forms API writes it) filled in with POI. */
    private Path upload(Filling filling) throws IOException {
        Path template = Files.createTempFile("template-", ".xlsx");
        Path filled = Files.createTempFile("filled-", ".xlsx");
        files.addAll(List.of(template, filled));
        try (FormWorkbook form = FormWorkbook.template(Allowances.type());
                OutputStream out = Files.newOutputStream(template)) {
            form.write(out);
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(template));
                OutputStream out = Files.newOutputStream(filled)) {
            filling.fill(workbook.getSheetAt(0));
            workbook.write(out);
        }
        return filled;
    }

    private static XlsxUploads uploads(Map<String, String> settings) {
        IntakeProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("fillonce.intake", Bindable.of(IntakeProperties.class));
        return new XlsxUploads(properties);
    }
}
