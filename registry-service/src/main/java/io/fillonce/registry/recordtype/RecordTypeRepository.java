package io.fillonce.registry.recordtype;

import org.springframework.data.mongodb.repository.MongoRepository;

interface RecordTypeRepository extends MongoRepository<RecordTypeDocument, String> {
}
