package io.fillonce.registry.system;

import java.util.List;

/** One page of a list: {@code page} counts from 0, {@code total} is the number of matches on all pages. */
public record PageOf<T>(List<T> items, int page, int size, long total) {
}
