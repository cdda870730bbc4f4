package io.fillonce.sync.system;

/** Reads paging query parameters, answering bad values with a 400 that names the parameter and the rule. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Paging() {
    }

    /** {@code limit}: an integer from 1 to 1000, 100 when absent. */
    public static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        if (!value.matches("\\d{1,9}")) {
            throw InvalidInput.of("limit", "type", "'limit' must be a whole number from 1 to " + MAX_LIMIT
                    + ", got '" + value + "'");
        }
        int limit = Integer.parseInt(value);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInput.of("limit", limit < 1 ? "minimum" : "maximum",
                    "'limit' must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }

    /** {@code after}: a cursor returned as {@code next} by an earlier page, 0 (the beginning) when absent. */
    public static long cursor(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        if (!value.matches("\\d{1,18}")) {
            throw InvalidInput.of("after", "pattern", "'after' must be a cursor returned as 'next' by an earlier "
                    + "page, got '" + value + "'");
        }
        return Long.parseLong(value);
    }
}
