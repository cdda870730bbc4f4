package io.fillonce.sync.fanout;

import io.fillonce.sync.Topics;
import io.fillonce.sync.registry.Subscription;
import tools.jackson.databind.node.ObjectNode;

/** One canonical event, mapped through one subscription, bound for that subscription's department topic. */
record DepartmentDelivery(CanonicalEvent event, Subscription subscription, ObjectNode payload) {

    String department() {
        return subscription.department();
    }

    String topic() {
        return Topics.department(subscription.department());
    }
}
