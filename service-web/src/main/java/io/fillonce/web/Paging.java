package io.fillonce.web;

/**
 * The one paging convention (docs/conventions.md "Paging"): {@code ?limit=} items, 1 to {@value #MAX_LIMIT}
 * ({@value #DEFAULT_LIMIT} when absent), {@code &after=} the {@code next} cursor of the page before (the start when
 * absent; opaque to the client, each list decides what it holds). A controller takes it as a method parameter
 * ({@link PagingParameters}); a bad value is a 400 naming the parameter. Lists answer {@link Page}.
 */
public record Paging(int limit, String after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static final String LIMIT = "limit";
    public static final String AFTER = "after";

    /** Paging from the query parameters as sent; throws {@link InvalidParameter} naming a bad one. */
    public static Paging of(String limit, String after) {
        return new Paging(limit(limit), after == null || after.isEmpty() ? null : after);
    }

    /** The first page of {@code limit} items (0: none, only what the list says about itself). */
    public static Paging first(int limit) {
        return new Paging(limit, null);
    }

    public boolean fromStart() {
        return after == null;
    }

    /** How many items to ask the store for: one more than the page, so {@link Page#of} knows whether one follows. */
    public int fetchLimit() {
        return limit + 1;
    }

    /**
     * The cursor of a list whose cursor is a position (how many items, or the last sequence number, came before the
     * page): 0 at the start; anything but a whole number is the 400 for {@code after}.
     */
    public long afterPosition() {
        if (fromStart()) {
            return 0;
        }
        if (!after.matches("\\d{1,18}")) {
            throw badCursor(after);
        }
        return Long.parseLong(after);
    }

    private static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        if (!value.matches("\\d{1,9}")) {
            throw InvalidParameter.of(LIMIT, "type", "'limit' must be a whole number from 1 to " + MAX_LIMIT
                    + ", got '" + value + "'");
        }
        int limit = Integer.parseInt(value);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidParameter.of(LIMIT, limit < 1 ? "minimum" : "maximum",
                    "'limit' must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }

    /** A cursor this list cannot read: the 400 for {@code after}. */
    public static InvalidParameter badCursor(String after) {
        return InvalidParameter.of(AFTER, "pattern", "'after' must be a cursor returned as 'next' by an earlier "
                + "page, got '" + after + "'");
    }
}
