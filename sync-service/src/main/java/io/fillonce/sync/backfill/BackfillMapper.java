package io.fillonce.sync.backfill;

import org.mapstruct.Mapper;

/** Job documents to what the ops API shows; the cursor (an entity key) and the owner stay inside. */
@Mapper(componentModel = "spring")
interface BackfillMapper {

    Backfill backfill(BackfillJob job);
}
