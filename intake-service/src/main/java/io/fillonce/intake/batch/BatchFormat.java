package io.fillonce.intake.batch;

/** The formats a bulk upload may have. */
enum BatchFormat {
    NDJSON, CSV, XLSX
}
