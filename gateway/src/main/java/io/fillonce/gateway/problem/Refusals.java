package io.fillonce.gateway.problem;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code fillonce.gateway.refused{reason}}: requests the gateway refuses itself, before any service sees them, by
 * reason ({@link ProblemType#refusal()}, and {@link #INVALID_TARGET} for a target that is not a URI at all). Every
 * reason is registered at start-up, so each series exists from 0.
 */
@Component
public class Refusals {

    static final String METER = "fillonce.gateway.refused";

    public static final String INVALID_TARGET = "invalid-target";

    static final List<String> REASONS = List.of("unauthenticated", "forbidden", "rate-limited", "too-large",
            INVALID_TARGET);

    private final Map<String, Counter> counters;

    public Refusals(MeterRegistry meters) {
        counters = REASONS.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                reason -> Counter.builder(METER).description("Requests the gateway refused itself, by reason")
                        .tag("reason", reason).register(meters)));
    }

    /** Counts a refusal for {@code reason}, one of {@link #REASONS}. */
    public void refused(String reason) {
        counters.get(reason).increment();
    }

    /** Counts the answer with {@code type} if it is a refusal. */
    void answered(ProblemType type) {
        if (type.refusal() != null) {
            refused(type.refusal());
        }
    }
}
