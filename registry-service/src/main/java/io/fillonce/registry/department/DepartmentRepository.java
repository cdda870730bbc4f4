package io.fillonce.registry.department;

import org.springframework.data.mongodb.repository.MongoRepository;

interface DepartmentRepository extends MongoRepository<DepartmentDocument, String> {
}
