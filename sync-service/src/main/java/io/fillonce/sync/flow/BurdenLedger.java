package io.fillonce.sync.flow;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static io.fillonce.sync.flow.Tallies.group;
import static io.fillonce.sync.flow.Tallies.number;

/**
 * The burden-reduction ledger: what the platform spared departments' staff from typing again. A department's form
 * is not filled again when a shared version reaches it, confirmed (a committed topic transaction, a webhook's 2xx,
 * a feed read), on the first channel its subscription shares by, in the order topic, webhook, feed (so a version a
 * department takes by topic and by webhook counts once); the fields spared are the fields its mapping filled in that
 * message. Notices (withdrawn, retracted, erased) fill nothing and count nothing, nor does a re-sync job's copy of a
 * version the department had. Each is credited to who submitted the version ({@value #UNKNOWN} where sync does not
 * know it) on the day (UTC) of the confirmation.
 * <p>
 * Kept as {@link Tallies} documents, so what it keeps grows with cadres × departments × record types × days, never
 * with records: {@value #DAYS} per day, cadre, department and record type (what {@code GET /api/ops/burden}
 * groups), and in {@value #TOTALS} the whole ({@value #ALL}), each cadre's total and each cadre's days, all read by
 * id.
 */
@Component
public class BurdenLedger {

    static final String DAYS = "burden_days";
    static final String TOTALS = "burden_totals";
    static final String ALL = "all";
    static final String UNKNOWN = "unknown";
    private static final List<String> CHANNELS = List.of("topic", "webhook", "feed");

    private final MongoTemplate mongo;
    private final RegistryView registry;

    BurdenLedger(MongoTemplate mongo, RegistryView registry) {
        this.mongo = mongo;
        this.registry = registry;
    }

    /** Credits the confirmed deliveries of one audit batch that spared a department a form. */
    void count(List<FlowLedger.Delivery> deliveries, long through) {
        List<Spared> spared = deliveries.stream().filter(this::sparesAForm).map(Spared::of).toList();
        if (spared.isEmpty()) {
            return;
        }
        Tallies.write(mongo, DAYS, group(spared, Spared::id), through, BurdenLedger::day);
        Map<String, List<Spared>> totals = new LinkedHashMap<>();
        totals.put(ALL, spared);
        totals.putAll(group(spared, Spared::cadre));
        totals.putAll(group(spared, Spared::cadreDay));
        Tallies.write(mongo, TOTALS, totals, through, BurdenLedger::total);
    }

    /**
     * A shared version's confirmation on the first channel its subscription shares by; not a re-sync's copy of a
     * version the department had (the form was spared when it first came).
     */
    private boolean sparesAForm(FlowLedger.Delivery delivery) {
        return delivery.fields() > 0 && !delivery.resyncCopy()
                && delivery.flow().channel().equals(firstChannel(delivery));
    }

    /**
     * The first of topic, webhook, feed that the delivery's subscription shares by (where the event does not name
     * it, any subscription of the department to the record type); topic when none is known any more.
     */
    private String firstChannel(FlowLedger.Delivery delivery) {
        Set<String> channels = delivery.subscription() != null
                ? registry.subscription(delivery.subscription()).map(Subscription::channels).orElse(Set.of())
                : registry.subscriptionsFor(delivery.flow().recordType()).stream()
                        .filter(s -> s.department().equals(delivery.flow().department()))
                        .flatMap(s -> s.channels().stream()).collect(Collectors.toSet());
        return CHANNELS.stream().filter(channels::contains).findFirst().orElse("topic");
    }

    /** One form spared: on which day, credited to whom, for which department and record type, how many fields. */
    record Spared(long offset, String day, String cadre, String department, String recordType, int fields)
            implements Tallies.Counted {

        static Spared of(FlowLedger.Delivery delivery) {
            return new Spared(delivery.offset(), LocalDate.ofInstant(delivery.at(), ZoneOffset.UTC).toString(),
                    delivery.submitter() == null ? UNKNOWN : delivery.submitter(), delivery.flow().department(),
                    delivery.flow().recordType(), delivery.fields());
        }

        String id() {
            return String.join("|", day, cadre, department, recordType);
        }

        String cadreDay() {
            return cadre + "|" + day;
        }
    }


    private static Update day(Document known, List<Spared> fresh) {
        Spared first = fresh.get(0);
        return added(known, fresh).set("day", first.day()).set("cadre", first.cadre())
                .set("department", first.department()).set("recordType", first.recordType());
    }

    private static Update total(Document known, List<Spared> fresh) {
        return added(known, fresh);
    }

    private static Update added(Document known, List<Spared> fresh) {
        return new Update().set("forms", number(known, "forms") + fresh.size())
                .set("fields", number(known, "fields") + fresh.stream().mapToLong(Spared::fields).sum());
    }

    /** The forms and fields spared in all ({@value #ALL}), by a cadre, or by a cadre on a day ({@code cadre|day}). */
    Figures totals(String id) {
        Document total = mongo.findById(id, Document.class, TOTALS);
        return new Figures(number(total, "forms"), number(total, "fields"));
    }

    /** Each day's figures of a cadre, for the given days, read by id. */
    Map<String, Figures> cadreDays(String cadre, List<String> days) {
        Map<String, Document> stored = Tallies.stored(mongo, TOTALS,
                days.stream().map(day -> cadre + "|" + day).toList());
        Map<String, Figures> figures = new LinkedHashMap<>();
        for (String day : days) {
            Document document = stored.get(cadre + "|" + day);
            figures.put(day, new Figures(number(document, "forms"), number(document, "fields")));
        }
        return figures;
    }

    /** Every day × cadre × department × record type document from {@code from} to {@code to} (ISO days, inclusive). */
    List<Document> days(String from, String to) {
        return mongo.find(Query.query(Criteria.where("day").gte(from).lte(to)), Document.class, DAYS);
    }

    /** Forms not filled again, and the fields in them. */
    record Figures(long forms, long fields) {
    }
}
