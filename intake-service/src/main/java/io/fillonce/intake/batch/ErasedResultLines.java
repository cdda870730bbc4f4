package io.fillonce.intake.batch;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fillonce.intake.record.EntityTraces;
import io.fillonce.intake.record.SubmissionReceipt;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Bulk-upload results that name an erased entity: the entity key of its accepted lines is blanked, and refusals
 * quoting it (a retracted entity's, say) lose it from their texts, and the kept values of refused lines holding it
 * are dropped (see {@link LineResult#values()}); line numbers, statuses and versions stay, so a
 * job's counts still add up. The pages are found with one query over all of them (a scan: erasures are rare), kept
 * to jobs of the entity's type, and rewritten whole (no array filters on the embedded MongoDB of the tests).
 * <p>
 * An upload of the type still running holds the erasure back: the result page it fills is written again from its
 * memory, and its file may hold the entity again, which must meet the refusal, not a new entity.
 */
@Component
class ErasedResultLines implements EntityTraces {

    private final MongoTemplate mongo;

    ErasedResultLines(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void erase(SubmissionReceipt erased) {
        String key = erased.entityKey();
        String quoted = Pattern.quote(key);
        List<ResultPage> pages = mongo.find(Query.query(new Criteria().orOperator(
                Criteria.where("results.entityKey").is(key), Criteria.where("results.problem.detail").regex(quoted),
                Criteria.where("results.problem.errors.message").regex(quoted),
                Criteria.where("results.values").regex(Pattern.quote(key.split("\\|")[0])))), ResultPage.class);
        if (pages.isEmpty()) {
            return;
        }
        Set<String> jobs = jobsOfType(erased.type(), pages.stream().map(ErasedResultLines::jobOf).toList());
        pages.stream().filter(page -> jobs.contains(jobOf(page))).forEach(page -> mongo.save(new ResultPage(page.id(),
                page.results().stream().map(line -> line.forgetting(key)).toList())));
    }

    @Override
    public boolean settled(SubmissionReceipt erased) {
        List<String> running = mongo.findAll(RunningJob.class).stream().map(RunningJob::id).toList();
        return running.isEmpty() || jobsOfType(erased.type(), running).isEmpty();
    }

    private Set<String> jobsOfType(String type, List<String> jobIds) {
        Query query = Query.query(Criteria.where("_id").in(jobIds).and("type").is(type));
        query.fields().include("_id");
        return mongo.find(query, Document.class, BatchJobDocument.COLLECTION).stream()
                .map(job -> job.getString("_id")).collect(Collectors.toSet());
    }

    /** The job of a page, whose id is {@code <jobId>/<n>}. */
    private static String jobOf(ResultPage page) {
        return page.id().substring(0, page.id().lastIndexOf('/'));
    }
}
