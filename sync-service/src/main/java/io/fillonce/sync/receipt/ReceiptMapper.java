package io.fillonce.sync.receipt;

import io.fillonce.sync.delivery.Delivery;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

/** Ledger entries to what a cadre sees: status and reason, never the payload, its hash or the subscription. */
@Mapper(componentModel = "spring")
interface ReceiptMapper {

    @Mapping(target = "reason", expression = "java(reason(delivery))")
    CadreReceipt receipt(Delivery delivery);

    default String reason(Delivery delivery) {
        return delivery.discardReason() != null ? delivery.discardReason() : delivery.lastError();
    }
}
