package io.fillonce.registry.subscription;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.fillonce.registry.kafka.KafkaAccess;
import io.fillonce.registry.kafka.TopicReaders;
import io.fillonce.registry.system.BrokerUnavailable;

/**
 * A department reads its Kafka topic while it has a subscription by topic that has not ended. Subscribing by topic
 * grants the read (again); ending its last such subscription takes it away once
 * {@code ended-read-grace} has passed, time for the department's consumers to read the final
 * {@code fillonce.subscription.ended} notice. Revocation is a sweep over ended subscriptions whose grace is over,
 * so a broker that does not answer delays it rather than losing it.
 */
@Component
class TopicReadAccess implements TopicReaders {

    static final String TOPIC = "topic";
    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(TopicReadAccess.class);

    private final KafkaAccess access;
    private final MongoTemplate mongo;
    private final TopicReadSettings settings;
    private final Clock clock;

    TopicReadAccess(KafkaAccess access, MongoTemplate mongo, TopicReadSettings settings, Clock clock) {
        this.access = access;
        this.mongo = mongo;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * While the department has a subscription by topic that has not ended: one without (none yet, only webhook or
     * feed ones, or all ended) may not read its topic, which carries its webhook and feed messages too.
     */
    @Override
    public boolean mayRead(String department) {
        return mongo.exists(Query.query(Criteria.where("department").is(department).and("channels").is(TOPIC)
                .and("status").ne(SubscriptionStatus.ENDED)), SubscriptionDocument.class);
    }

    /**
     * A subscription by topic, new or changed: its department may read its topic (again). A broker that does not
     * answer leaves the subscription as it is; rotating the department's credentials grants the read then.
     */
    void subscribed(SubscriptionDocument subscription) {
        if (subscription.getChannels().contains(TOPIC)) {
            try {
                access.grantRead(subscription.getDepartment());
            }
            catch (BrokerUnavailable e) {
                log.warn("Department {} may not read its topic yet ({}); rotating its Kafka credentials grants it",
                        subscription.getDepartment(), e.getMessage());
            }
        }
    }

    /** The subscription is ending: if no other subscription of its department delivers by topic, the read ends. */
    void ending(SubscriptionDocument subscription) {
        if (subscription.getChannels().contains(TOPIC)) {
            topicEnds(subscription);
        }
    }

    /**
     * The subscription stops delivering by topic (it ends, or a change drops the channel): if no other
     * subscription of its department does, the department's read ends after the grace (noted on the subscription).
     */
    void topicEnds(SubscriptionDocument subscription) {
        boolean others = mongo.exists(Query.query(Criteria.where("department").is(subscription.getDepartment())
                .and("channels").is(TOPIC).and("status").ne(SubscriptionStatus.ENDED).and("_id")
                .ne(subscription.getId())), SubscriptionDocument.class);
        if (!others) {
            subscription.setTopicReadUntil(clock.instant().plus(settings.endedReadGrace()));
        }
    }

    /** Revokes the topic read of departments whose last topic subscription ended more than the grace ago. */
    @Scheduled(fixedDelayString = "${fillonce.kafka.access.revoke-every:5s}",
            initialDelayString = "${fillonce.kafka.access.revoke-every:5s}")
    void revokeEnded() {
        Query due = Query.query(Criteria.where("topicReadUntil").lte(clock.instant()).and("topicReadRevoked").ne(true))
                .limit(BATCH);
        for (SubscriptionDocument ended : mongo.find(due, SubscriptionDocument.class)) {
            try {
                if (!mayRead(ended.getDepartment())) {
                    access.revokeRead(ended.getDepartment());
                }
                mongo.updateFirst(Query.query(Criteria.where("_id").is(ended.getId())),
                        Update.update("topicReadRevoked", true), SubscriptionDocument.class);
            }
            catch (BrokerUnavailable e) {
                log.warn("Kafka read of department {} not revoked yet (tried again): {}", ended.getDepartment(),
                        e.getMessage());
                return;
            }
        }
    }
}
