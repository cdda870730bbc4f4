package io.fillonce.registry.subscription;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import io.fillonce.registry.publishing.RegistryPublisher;
import io.fillonce.registry.recordtype.RecordTypes;
import io.fillonce.registry.system.Clocks;
import io.fillonce.registry.system.Pages;
import io.fillonce.registry.system.Problems;
import io.fillonce.web.Conflict;
import io.fillonce.web.InvalidInput;
import io.fillonce.web.NotFound;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

/** Subscribes departments to record types: which fields, in which names, for what purpose, by which channel. */
@Service
class Subscriptions {

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionRepository repository;
    private final SubscriptionRules rules;
    private final SubscriptionMapper mapper;
    private final MongoTemplate mongo;
    private final RegistryPublisher publisher;
    private final RecordTypes recordTypes;
    private final TopicReadAccess topicRead;
    private final Clock clock;

    Subscriptions(SubscriptionRepository repository, SubscriptionRules rules, SubscriptionMapper mapper,
            MongoTemplate mongo, RegistryPublisher publisher, RecordTypes recordTypes, TopicReadAccess topicRead,
            Clock clock) {
        this.repository = repository;
        this.rules = rules;
        this.mapper = mapper;
        this.mongo = mongo;
        this.publisher = publisher;
        this.recordTypes = recordTypes;
        this.topicRead = topicRead;
        this.clock = clock;
    }

    SubscriptionView subscribe(SubscriptionRequest request, String by) {
        return subscribe(newId(), request, List.of(), by);
    }

    /**
     * Creates subscription {@code id}; {@code before}: the steps that led to it (a sharing request's), kept ahead
     * of its {@code created} step.
     */
    SubscriptionView subscribe(String id, SubscriptionRequest request, List<LifecycleStep> before, String by) {
        var problems = rules.check(request);
        if (!problems.isEmpty()) {
            throw new InvalidInput("The subscription is invalid", problems);
        }
        SubscriptionDocument document = mapper.toDocument(request);
        document.setSubjects(subjectsOf(request));
        document.setId(id);
        before.forEach(step -> document.step(SubscriptionStatus.ACTIVE, step));
        document.step(SubscriptionStatus.ACTIVE, new LifecycleStep("created", by, Clocks.millis(clock), null,
                before.isEmpty() ? null : before.get(0).request()));
        document.changed(clock.instant());
        SubscriptionDocument saved = repository.insert(document);
        topicRead.subscribed(saved);
        publisher.publish(saved);
        return mapper.toView(saved);
    }

    /**
     * A new version of what the subscription shares (mapping, filter, channels, purpose, legal basis, sensitive
     * fields), checked as at creation; its department, record type and subjects stay (a change that would make
     * the department see entities another way is a 409: end it and subscribe anew). The next messages use it and
     * name its version; what was delivered stays as it was unless {@code resync}: then sync-service sends the
     * current state again, mapped under the new version.
     */
    SubscriptionView change(String id, SubscriptionRequest request, boolean resync, String by) {
        return change(load(id), request, resync, List.of(), by);
    }

    /** {@link #change(String, SubscriptionRequest, boolean, String)} with the steps that led to it kept first. */
    SubscriptionView change(SubscriptionDocument document, SubscriptionRequest request, boolean resync,
            List<LifecycleStep> before, String by) {
        checkChange(document, request);
        boolean hadTopic = document.getChannels().contains(TopicReadAccess.TOPIC);
        mapper.change(request, document);
        document.setVersion(document.getVersion() + 1);
        document.setResyncVersion(resync ? document.getVersion() : null);
        before.forEach(step -> document.step(document.getStatus(), step));
        document.step(document.getStatus(), new LifecycleStep("changed", by, Clocks.millis(clock),
                resync ? "the department's current state is sent again under version " + document.getVersion() : null,
                before.isEmpty() ? null : before.get(0).request()));
        if (hadTopic && !document.getChannels().contains(TopicReadAccess.TOPIC)) {
            topicRead.topicEnds(document);
        }
        document.changed(clock.instant());
        SubscriptionDocument saved = repository.save(document);
        topicRead.subscribed(saved);
        publisher.publish(saved);
        return mapper.toView(saved);
    }

    /** Every reason {@code request} cannot change {@code document}: 409 for its state, 422 for the request. */
    void checkChange(SubscriptionDocument document, SubscriptionRequest request) {
        if (document.getStatus() == SubscriptionStatus.ENDED) {
            throw new Conflict("subscription " + document.getId() + " ended; subscribe anew");
        }
        Problems problems = new Problems();
        problems.addAll(rules.check(request));
        if (!document.getDepartment().equals(request.department())) {
            problems.add("/department", "unchanged", "a subscription's department cannot change (it is '"
                    + document.getDepartment() + "'): subscribe the other department instead");
        }
        if (!document.getRecordType().equals(request.recordType())) {
            problems.add("/recordType", "unchanged", "a subscription's record type cannot change (it is '"
                    + document.getRecordType() + "'): subscribe to the other type instead");
        }
        if (!problems.list().isEmpty()) {
            throw new InvalidInput("The change is invalid", problems.list());
        }
        Subjects subjects = subjectsOf(request);
        if (subjects != document.getSubjects()) {
            throw new Conflict("the change would make department " + document.getDepartment() + " see entities "
                    + (subjects == Subjects.CLEAR ? "by their key" : "under pseudonyms") + " instead of "
                    + (subjects == Subjects.CLEAR ? "under pseudonyms" : "by their key")
                    + ", and lose track of what it holds: end this subscription and subscribe anew");
        }
    }

    SubscriptionDocument load(String id) {
        return repository.findById(id).orElseThrow(() -> new NotFound("subscription", id));
    }

    boolean exists(String id) {
        return repository.existsById(id);
    }

    private Subjects subjectsOf(SubscriptionRequest request) {
        return Subjects.of(request.fields(), recordTypes.currentEntityKey(request.recordType()),
                request.sensitiveFields());
    }

    /** What a list of subscriptions is narrowed to; a null member narrows nothing. */
    record Filter(String department, String recordType, String channel, SubscriptionStatus status) {
    }

    Page<SubscriptionView> list(Filter filter, Paging paging) {
        Query query = new Query();
        if (Problems.hasText(filter.department())) {
            query.addCriteria(Criteria.where("department").is(filter.department()));
        }
        if (Problems.hasText(filter.recordType())) {
            query.addCriteria(Criteria.where("recordType").is(filter.recordType()));
        }
        if (Problems.hasText(filter.channel())) {
            query.addCriteria(Criteria.where("channels").is(filter.channel()));
        }
        if (filter.status() == SubscriptionStatus.ACTIVE) {
            query.addCriteria(Criteria.where("status").nin(SubscriptionStatus.SUSPENDED, SubscriptionStatus.ENDED));
        }
        else if (filter.status() != null) {
            query.addCriteria(Criteria.where("status").is(filter.status()));
        }
        return Pages.find(paging, mongo, query, SubscriptionDocument.class, mapper::toView);
    }

    SubscriptionView get(String id) {
        return mapper.toView(load(id));
    }

    /** "sub-" and 10 random characters (about 51 bits), e.g. sub-k3v9x0q2ab. */
    static String newId() {
        return "sub-" + randomChars(10);
    }

    /** {@code count} random lower-case letters and digits, for the ids of subscriptions and sharing requests. */
    static String randomChars(int count) {
        StringBuilder chars = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            chars.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return chars.toString();
    }
}
