package io.fillonce.registry.subscription;

import java.security.SecureRandom;
import java.time.Clock;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import io.fillonce.registry.publishing.RegistryPublisher;
import io.fillonce.registry.recordtype.RecordTypes;
import io.fillonce.registry.system.Clocks;
import io.fillonce.registry.system.InvalidInput;
import io.fillonce.registry.system.NotFound;
import io.fillonce.registry.system.PageOf;
import io.fillonce.registry.system.Paging;
import io.fillonce.registry.system.Problems;

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
        var problems = rules.check(request);
        if (!problems.isEmpty()) {
            throw new InvalidInput("The subscription is invalid", problems);
        }
        SubscriptionDocument document = mapper.toDocument(request);
        document.setSubjects(Subjects.of(request.fields(), recordTypes.currentEntityKey(request.recordType()),
                request.sensitiveFields()));
        document.setId(newId());
        document.step(SubscriptionStatus.ACTIVE, new LifecycleStep("created", by, Clocks.millis(clock), null));
        document.changed(clock.instant());
        SubscriptionDocument saved = repository.insert(document);
        topicRead.subscribed(saved);
        publisher.publish(saved);
        return mapper.toView(saved);
    }

    PageOf<SubscriptionView> list(String department, String recordType, String channel, Paging paging) {
        Query query = new Query();
        if (Problems.hasText(department)) {
            query.addCriteria(Criteria.where("department").is(department));
        }
        if (Problems.hasText(recordType)) {
            query.addCriteria(Criteria.where("recordType").is(recordType));
        }
        if (Problems.hasText(channel)) {
            query.addCriteria(Criteria.where("channels").is(channel));
        }
        return paging.find(mongo, query, SubscriptionDocument.class, mapper::toView);
    }

    SubscriptionView get(String id) {
        return repository.findById(id).map(mapper::toView).orElseThrow(() -> new NotFound("subscription", id));
    }

    /** "sub-" and 10 random characters (about 51 bits), e.g. sub-k3v9x0q2ab. */
    private static String newId() {
        StringBuilder id = new StringBuilder("sub-");
        for (int i = 0; i < 10; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
