package io.fillonce.sync.flow;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/ops/flows}: every flow (record type × department × channel) with its confirmed deliveries (all
 * time, and the rate over the last {@code windowSeconds}), open dead letters ({@code failed}), parked entities, the
 * channel's lag (the department's topic is shared by its record types: the same lag on each of its flows), its last
 * delivery and its health; the totals, each department's health and its webhook breaker as this instance sees it;
 * {@code traceLink}: where a trace id can be looked up ({@code {traceId}} in it), when configured.
 */
public record FlowsView(Instant at, long windowSeconds, Totals totals, List<Flow> flows,
        List<DepartmentHealth> departments, String traceLink) {

    public enum Health {
        OK, LAGGING, FAILING
    }

    public record Totals(long delivered, long failed, long parked, long deadLetters, double ratePerSecond) {
    }

    public record Flow(String recordType, String department, String channel, long delivered, long fieldsFilled,
            long failed, long parked, Long lagMessages, Double lagSeconds, Instant lastDelivery, double ratePerSecond,
            Health health) {
    }

    public record DepartmentHealth(String department, Health health, String breaker) {
    }
}
