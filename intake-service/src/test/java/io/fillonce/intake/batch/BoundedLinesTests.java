package io.fillonce.intake.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class BoundedLinesTests {

    @Test
    void splitsLinesLikeReadLine() throws IOException {
        String text = "a\nbb\r\nccc\r\rd\n\ne";
        List<String> expected = new ArrayList<>();
        BufferedReader plain = new BufferedReader(new StringReader(text));
        for (String line = plain.readLine(); line != null; line = plain.readLine()) {
            expected.add(line);
        }

        assertThat(all(new StringReader(text), 10)).isEqualTo(expected)
                .containsExactly("a", "bb", "ccc", "", "d", "", "e");
        assertThat(all(new StringReader("x\n"), 10)).containsExactly("x");
        assertThat(all(new StringReader(""), 10)).isEmpty();
    }

    @Test
    void aLongerLineIsReportedWithoutBeingHeldAndTheNextOneIsRead() throws IOException {
        List<String> lines = all(new StringReader("12345\n123456\n" + "9".repeat(100_000) + "\r\nok"), 5);

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("12345");
        assertThat(lines.get(1)).isSameAs(BoundedLines.TOO_LONG);
        assertThat(lines.get(2)).isSameAs(BoundedLines.TOO_LONG);
        assertThat(lines.get(3)).isEqualTo("ok");
    }

    /** An upload-sized line (64 MB, 128 MB as a Java string) is skipped whole, never built up. */
    @Test
    void anUploadSizedLineIsSkippedWhole() throws IOException {
        Reader endless = new Reader() {
            private long left = 64L << 20;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                Arrays.fill(buffer, offset, offset + n, 'x');
                left -= n;
                return n;
            }

            @Override
            public void close() {
            }
        };

        assertThat(all(endless, 1_000_000)).containsExactly(BoundedLines.TOO_LONG);
    }

    private static List<String> all(Reader reader, int max) throws IOException {
        BoundedLines lines = new BoundedLines(reader, max);
        List<String> all = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            all.add(line);
        }
        return all;
    }
}
