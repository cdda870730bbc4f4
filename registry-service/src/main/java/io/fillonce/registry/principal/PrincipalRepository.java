package io.fillonce.registry.principal;

import org.springframework.data.mongodb.repository.MongoRepository;

interface PrincipalRepository extends MongoRepository<PrincipalDocument, String> {
}
