package io.fillonce.sync.ops;

import io.fillonce.sync.delivery.Delivery;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

/** Ledger entries to what the ops API shows; the payload itself never leaves, only its hash. */
@Mapper(componentModel = "spring")
interface OpsMapper {

    @Mapping(target = "reason", source = "lastError")
    DeadLetter deadLetter(Delivery delivery);

    Receipt receipt(Delivery delivery);
}
