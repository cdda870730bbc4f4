package io.fillonce.registry.codetable;

import org.springframework.data.mongodb.repository.MongoRepository;

interface CodeTableRepository extends MongoRepository<CodeTableDocument, String> {
}
