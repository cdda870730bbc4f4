package io.fillonce.intake.batch;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A bulk upload being worked through, listed apart from the jobs so that {@link BatchJobWatch} reads only what is
 * running: inserted before the job, renewed by the instance working through it, deleted when it ends.
 *
 * @param id the job's id
 * @param heartbeatAt last sign of life of the instance working through it
 */
@Document(RunningJob.COLLECTION)
record RunningJob(@Id String id, Instant heartbeatAt) {

    static final String COLLECTION = "batch_running";
}
