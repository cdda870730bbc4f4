package io.fillonce.registry.system;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.fillonce.web.Page;
import io.fillonce.web.Paging;
import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A registry list as one page of the paging convention (service-web's {@link Paging}): sorted by id, the cursor
 * being the last item's id, so a page costs the same however many came before it.
 */
public final class Pages {

    private Pages() {
    }

    /** Runs {@code query} for this page of {@code type} (by id, after the cursor), mapping each document. */
    public static <D, V> Page<V> find(Paging paging, MongoTemplate mongo, Query query, Class<D> type,
            Function<D, V> view) {
        Document filter = query.getQueryObject();
        if (!paging.fromStart()) {
            filter = new Document("$and", List.of(filter, new Document("_id", new Document("$gt", paging.after()))));
        }
        Query pageQuery = new BasicQuery(filter).with(Sort.by("_id")).limit(paging.fetchLimit());
        List<D> found = mongo.find(pageQuery, type);
        return Page.of(found, paging, document -> String.valueOf(mongo.getConverter().getMappingContext()
                .getRequiredPersistentEntity(type).getIdentifierAccessor(document).getIdentifier())).map(view);
    }

    /** Adds "{@code field} starts with {@code prefix}" to {@code query} when a prefix is given. */
    public static Query withPrefix(Query query, String field, String prefix) {
        if (Problems.hasText(prefix)) {
            query.addCriteria(Criteria.where(field).regex("^" + Pattern.quote(prefix)));
        }
        return query;
    }
}
