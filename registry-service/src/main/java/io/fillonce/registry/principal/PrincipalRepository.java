package io.fillonce.registry.principal;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

interface PrincipalRepository extends MongoRepository<PrincipalDocument, String> {

    List<PrincipalDocument> findByRole(Role role, Pageable page);
}
