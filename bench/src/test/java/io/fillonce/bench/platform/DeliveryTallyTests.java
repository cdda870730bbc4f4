package io.fillonce.bench.platform;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTallyTests {

    private final List<long[]> completions = new ArrayList<>();

    private final DeliveryTally tally = new DeliveryTally("r1", 2, List.of("d1", "d2"),
            (seq, nanos) -> completions.add(new long[] { seq, nanos }));

    @Test
    void aRecordIsCompleteWhenEveryDepartmentHasItAtItsLastArrival() {
        tally.accept("d1", 0, 100);
        assertThat(completions).isEmpty();

        tally.accept("d2", 0, 250);

        assertThat(completions).containsExactly(new long[] { 0, 250 });
        assertThat(tally.completeRecords()).isEqualTo(1);
        assertThat(tally.complete()).isFalse();
    }

    @Test
    void aMessageReadAgainCountsOnce() {
        assertThat(tally.accept("d1", 1, 100)).isTrue();
        assertThat(tally.accept("d1", 1, 200)).isFalse();

        assertThat(tally.deliveries()).isEqualTo(1);
        assertThat(tally.repeated()).isEqualTo(1);
        assertThat(tally.lastArrivalNanos()).isEqualTo(100);
    }

    @Test
    void completeWhenEveryDepartmentHasEveryRecord() {
        tally.accept("d1", 0, 1);
        tally.accept("d2", 1, 2);
        tally.accept("d1", 1, 3);
        tally.accept("d2", 0, 4);

        assertThat(tally.complete()).isTrue();
        assertThat(tally.deliveries()).isEqualTo(tally.expected()).isEqualTo(4);
        assertThat(tally.firstArrivalNanos()).isEqualTo(1);
        assertThat(tally.lastArrivalNanos()).isEqualTo(4);
    }

    @Test
    void messagesOfUnwatchedDepartmentsOrUnknownNumbersAreSetAside() {
        tally.accept("d3", 0, 1);
        tally.accept("d1", 2, 1);
        tally.accept("d1", -1, 1);

        assertThat(tally.deliveries()).isZero();
        assertThat(tally.outside()).isEqualTo(3);
    }

    @Test
    void onlyTheAcceptedSubmissionsCanBeAwaited() {
        java.util.BitSet accepted = new java.util.BitSet();
        accepted.set(1);
        tally.accept("d1", 1, 1);
        assertThat(tally.completeFor(accepted)).isFalse();

        tally.accept("d2", 1, 2);

        assertThat(tally.completeFor(accepted)).isTrue();
        assertThat(tally.deliveriesOf(accepted)).isEqualTo(2);
        assertThat(tally.complete()).isFalse();
    }
}
