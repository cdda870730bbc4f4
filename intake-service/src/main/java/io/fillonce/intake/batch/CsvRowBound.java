package io.fillonce.intake.batch;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Passes a CSV upload through while no row (RFC 4180: a line end inside double quotes belongs to the row) is longer
 * than {@code maxChars}; a longer row stops the read with an IOException saying so, before the CSV parser has built
 * it (a row of 64 MB of commas would otherwise become millions of strings). Rows before it are stored; the job
 * fails with the reason.
 */
final class CsvRowBound extends FilterReader {

    private final int maxChars;
    private long rowChars;
    private long rows = 1;
    private boolean quoted;
    private boolean afterCarriageReturn;

    CsvRowBound(Reader reader, int maxChars) {
        super(reader);
        this.maxChars = maxChars;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        for (int i = offset; i < offset + Math.max(read, 0); i++) {
            char c = buffer[i];
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && (c == '\n' || c == '\r')) {
                if (c == '\r' || !afterCarriageReturn) {
                    rows++;
                }
                rowChars = 0;
            }
            else if (++rowChars > maxChars) {
                throw new IOException("row " + rows + " of the upload (counting the header) is longer than the "
                        + maxChars + " bytes accepted for one record");
            }
            afterCarriageReturn = c == '\r';
        }
        return read;
    }
}
