package io.fillonce.intake.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

class CsvRowBoundTests {

    @Test
    void rowsWithinTheBoundPassUnchangedQuotedLineEndsIncluded() throws IOException {
        String csv = "a,b\r\n\"x\ny\",2\n\"say \"\"hi\"\"\",3\n";

        assertThat(readAll(new CsvRowBound(new StringReader(csv), 14))).isEqualTo(csv);
    }

    @Test
    void aLongerRowStopsTheReadNamingIt() {
        String csv = "a,b\r\n1,2\r\n" + ",".repeat(50) + "\r\n4,5\r\n";

        assertThatIOException().isThrownBy(() -> readAll(new CsvRowBound(new StringReader(csv), 20)))
                .withMessageContaining("row 3").withMessageContaining("longer than the 20 bytes");
    }

    @Test
    void aQuotedLineEndDoesNotStartANewRow() {
        String csv = "a\n\"" + "x\n".repeat(20) + "\"\n";

        assertThatIOException().isThrownBy(() -> readAll(new CsvRowBound(new StringReader(csv), 20)))
                .withMessageContaining("row 2");
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder all = new StringBuilder();
        char[] buffer = new char[7];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            all.append(buffer, 0, n);
        }
        return all.toString();
    }
}
