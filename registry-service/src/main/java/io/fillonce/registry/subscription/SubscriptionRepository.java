package io.fillonce.registry.subscription;

import org.springframework.data.mongodb.repository.MongoRepository;

interface SubscriptionRepository extends MongoRepository<SubscriptionDocument, String> {
}
