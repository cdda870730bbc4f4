package io.fillonce.registry.subscription;

import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.fillonce.registry.department.WebhookUsers;

@Component
class WebhookChannelUsers implements WebhookUsers {

    private final MongoTemplate mongo;

    WebhookChannelUsers(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public List<String> subscriptionsUsingWebhook(String department) {
        Query query = Query.query(Criteria.where("department").is(department).and("channels").is("webhook"));
        return mongo.find(query, SubscriptionDocument.class).stream().map(SubscriptionDocument::getId).toList();
    }
}
