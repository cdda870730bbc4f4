package io.fillonce.intake.batch;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of an NDJSON upload, none held longer than {@code maxChars}: a longer line is skipped to its end and
 * reported as {@link #TOO_LONG}, so one oversized line costs no more heap than an accepted one (a plain
 * {@code readLine} would build a string of the whole line, up to the upload's 64 MB). Line ends are {@code \n},
 * {@code \r\n} or {@code \r}, as for {@link java.io.BufferedReader#readLine()}.
 */
final class BoundedLines {

    /** Returned for a line longer than the bound; compare by identity. */
    static final String TOO_LONG = new String("<line too long>");

    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean afterCarriageReturn;

    BoundedLines(Reader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    /** The next line, {@link #TOO_LONG}, or null at the end of the upload. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? (tooLong ? TOO_LONG : line.toString()) : null;
                }
            }
            char c = buffer[position++];
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (c == '\n') {
                    continue;
                }
            }
            any = true;
            if (c == '\n' || c == '\r') {
                afterCarriageReturn = c == '\r';
                return tooLong ? TOO_LONG : line.toString();
            }
            if (!tooLong) {
                if (line.length() == maxChars) {
                    tooLong = true;
                    line = new StringBuilder();
                }
                else {
                    line.append(c);
                }
            }
        }
    }
}
