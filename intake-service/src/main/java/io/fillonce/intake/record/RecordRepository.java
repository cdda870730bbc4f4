package io.fillonce.intake.record;

import org.springframework.data.repository.CrudRepository;

interface RecordRepository extends CrudRepository<RecordDocument, String> {
}
