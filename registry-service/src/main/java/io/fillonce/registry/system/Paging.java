package io.fillonce.registry.system;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * {@code ?page=&size=} of a list request: page from 0, size 1 to {@value #MAX_SIZE} (default
 * {@value #DEFAULT_SIZE}); lists answer {@code {items, page, size, total}} sorted by id.
 */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 200;
    public static final int DEFAULT_SIZE = 50;

    /** Validated paging; 422 naming the parameter when out of range. */
    public static Paging of(Integer page, Integer size) {
        Problems problems = new Problems();
        if (page != null && page < 0) {
            problems.add("page", "minimum", "page counts from 0");
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            problems.add("size", size < 1 ? "minimum" : "maximum", "size must be 1 to " + MAX_SIZE);
        }
        problems.throwIfAny("The paging parameters are invalid");
        return new Paging(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** Runs {@code query} (sorted by id) for this page of {@code type}, mapping each document. */
    public <D, V> PageOf<V> find(MongoTemplate mongo, Query query, Class<D> type, Function<D, V> view) {
        long total = mongo.count(Query.of(query).limit(0).skip(0), type);
        Query pageQuery = Query.of(query).with(Sort.by("_id")).skip((long) page * size).limit(size);
        List<V> items = mongo.find(pageQuery, type).stream().map(view).toList();
        return new PageOf<>(items, page, size, total);
    }

    /** Adds "{@code field} starts with {@code prefix}" to {@code query} when a prefix is given. */
    public static Query withPrefix(Query query, String field, String prefix) {
        if (Problems.hasText(prefix)) {
            query.addCriteria(Criteria.where(field).regex("^" + escape(prefix)));
        }
        return query;
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c)) {
                escaped.append('\\');
            }
            escaped.appendCodePoint(c);
        });
        return escaped.toString();
    }
}
