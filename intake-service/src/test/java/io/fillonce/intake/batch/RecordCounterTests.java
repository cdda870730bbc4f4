package io.fillonce.intake.batch;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordCounterTests {

    @Test
    void countsNonBlankNdjsonLinesWhateverTheLastLineEndsWith() {
        assertThat(count(BatchFormat.NDJSON, "{}\n\n  \r\n{}\r\n{}")).isEqualTo(3);
        assertThat(count(BatchFormat.NDJSON, "{}\n{}\n")).isEqualTo(2);
        assertThat(count(BatchFormat.NDJSON, "")).isZero();
    }

    @Test
    void countsCsvRowsLessTheHeaderKeepingQuotedLineBreaksInTheirRow() {
        assertThat(count(BatchFormat.CSV, "a,b\n1,\"x\ny\"\n2,\"say \"\"hi\"\"\"\n")).isEqualTo(2);
        assertThat(count(BatchFormat.CSV, "a,b\n")).isZero();
    }

    private static long count(BatchFormat format, String upload) {
        RecordCounter counter = new RecordCounter(format);
        byte[] bytes = upload.getBytes(StandardCharsets.UTF_8);
        // in two pieces, as the spool hands over buffers
        counter.accept(bytes, bytes.length / 2);
        byte[] rest = java.util.Arrays.copyOfRange(bytes, bytes.length / 2, bytes.length);
        counter.accept(rest, rest.length);
        return counter.records();
    }
}
