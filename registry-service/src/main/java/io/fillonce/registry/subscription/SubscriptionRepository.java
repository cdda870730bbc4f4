package io.fillonce.registry.subscription;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

interface SubscriptionRepository extends MongoRepository<SubscriptionDocument, String> {

    List<SubscriptionDocument> findByRecordType(String recordType);
}
