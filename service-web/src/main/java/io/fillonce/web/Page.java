package io.fillonce.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list (docs/conventions.md "Paging"): the items, and {@code next}, the cursor to pass as {@code after}
 * for the following page; null when there is no following page (a feed, which grows, always names one).
 */
public record Page<T>(List<T> items, String next) {

    /**
     * The page of the first {@code paging.limit()} of {@code found}, which holds up to one item more (ask the store for
     * {@link Paging#fetchLimit()}): only when that one exists is there a next page, starting after the last item's
     * cursor.
     */
    public static <T> Page<T> of(List<T> found, Paging paging, Function<T, String> cursor) {
        if (found.size() <= paging.limit()) {
            return new Page<>(List.copyOf(found), null);
        }
        List<T> items = List.copyOf(found.subList(0, paging.limit()));
        return new Page<>(items, cursor.apply(items.get(items.size() - 1)));
    }

    /** The same page with each item shown as {@code view} shows it. */
    public <V> Page<V> map(Function<T, V> view) {
        return new Page<>(items.stream().map(view).toList(), next);
    }
}
