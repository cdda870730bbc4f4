package io.fillonce.intake.batch;

/**
 * Counts the records of an upload as its bytes are spooled, so that a job knows its total before it is worked
 * through: non-blank lines for NDJSON (as {@link BatchRunner} skips blank ones), rows outside quoted cells less the
 * header row for CSV.
 */
final class RecordCounter {

    private final boolean csv;

    private boolean quoted;

    private boolean content;

    private long lines;

    RecordCounter(BatchFormat format) {
        this.csv = format == BatchFormat.CSV;
    }

    void accept(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (csv && b == '"') {
                quoted = !quoted;
                content = true;
            }
            else if (b == '\n' && !quoted) {
                lines += content ? 1 : 0;
                content = false;
            }
            else if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                content = true;
            }
        }
    }

    long records() {
        long total = lines + (content ? 1 : 0);
        return csv ? Math.max(0, total - 1) : total;
    }
}
