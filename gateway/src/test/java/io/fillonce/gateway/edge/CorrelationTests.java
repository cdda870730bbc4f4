package io.fillonce.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CorrelationTests {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void continuesAValidTraceWithANewSpanAndItsFlags() {
        String next = Correlation.next(List.of("00-" + TRACE + "-00f067aa0ba902b7-00"));

        assertThat(next).matches("^00-" + TRACE + "-[0-9a-f]{16}-00$").doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void startsANewTraceForAnythingElse() {
        for (List<String> received : List.<List<String>>of(List.of(), List.of("00-" + TRACE.toUpperCase() + "-00f067aa0ba902b7-01"),
                List.of("00-" + TRACE + "-" + "0".repeat(16) + "-01"), List.of("01-" + TRACE + "-00f067aa0ba902b7-01-x"),
                List.of("00-" + TRACE + "-00f067aa0ba902b7-01", "00-" + TRACE + "-00f067aa0ba902b7-01"))) {
            assertThat(Correlation.next(received)).matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$").doesNotContain(TRACE);
        }
        assertThat(Correlation.next(null)).isNotEqualTo(Correlation.next(null));
    }
}
