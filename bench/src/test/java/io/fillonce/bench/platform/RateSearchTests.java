package io.fillonce.bench.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateSearchTests {

    @Test
    void doublesUntilARateFailsThenBisects() {
        List<Double> tried = new ArrayList<>();

        double sustained = search(new RateSearch(10, 0.5, 2000, 3), rate -> rate <= 37, tried);

        assertThat(tried).containsExactly(10.0, 20.0, 40.0, 30.0, 35.0, 38.0);
        assertThat(sustained).isEqualTo(35.0);
    }

    @Test
    void halvesWhenTheFirstRateFails() {
        List<Double> tried = new ArrayList<>();

        double sustained = search(new RateSearch(10, 0.5, 2000, 1), rate -> rate <= 3, tried);

        assertThat(tried).containsExactly(10.0, 5.0, 2.5, 3.8);
        assertThat(sustained).isEqualTo(2.5);
    }

    @Test
    void noRateHeldDownToTheMinimumIsZero() {
        List<Double> tried = new ArrayList<>();

        assertThat(search(new RateSearch(4, 1, 100, 3), rate -> false, tried)).isZero();
        assertThat(tried).containsExactly(4.0, 2.0, 1.0);
    }

    @Test
    void stopsAtTheMaximumWhenEverythingHolds() {
        List<Double> tried = new ArrayList<>();

        assertThat(search(new RateSearch(10, 1, 50, 3), rate -> true, tried)).isEqualTo(50.0);
        assertThat(tried).containsExactly(10.0, 20.0, 40.0, 50.0);
    }

    private static double search(RateSearch search, DoublePredicate holds, List<Double> tried) {
        for (OptionalDouble rate = search.next(); rate.isPresent(); rate = search.next()) {
            tried.add(rate.getAsDouble());
            search.record(holds.test(rate.getAsDouble()));
        }
        return search.sustained();
    }
}
