package io.fillonce.registry.kafka;

/** Which departments may read their topic: the rule lives with subscriptions, the broker's access here. */
public interface TopicReaders {

    /** True while the department has a subscription by topic that has not ended. */
    boolean mayRead(String department);
}
