package io.fillonce.sync.backfill;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

/** Job documents to what the ops API shows; cursors (entity keys) never leave the stream tasks. */
@Mapper(componentModel = "spring")
interface BackfillMapper {

    @Mapping(target = "total", expression = "java(job.total())")
    @Mapping(target = "enqueued", expression = "java(job.kind() == JobKind.IMPACT ? 0 : job.shared())")
    @Mapping(target = "affected", expression = "java(job.kind() == JobKind.IMPACT ? job.shared() : null)")
    @Mapping(target = "skipped", expression = "java(job.skipped())")
    @Mapping(target = "partitionsDone", expression = "java(partitionsDone(job))")
    Backfill backfill(BackfillJob job);

    default int partitionsDone(BackfillJob job) {
        return job.progress() == null ? 0
                : (int) job.progress().values().stream().filter(BackfillJob.PartitionProgress::done).count();
    }
}
