package io.fillonce.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerTests {

    @Test
    void countsEachSubmissionOnceAndFindsNothingWrongInAnOrderlyRun() {
        Ledger ledger = new Ledger("d", true, 2, 3);
        for (int version = 0; version < 3; version++) {
            for (int entity = 0; entity < 2; entity++) {
                ledger.accept("e" + entity + ":" + (version + 1), Ledger.seq(entity, version, 3), version + 1);
            }
        }
        assertThat(ledger.delivered()).isEqualTo(6).isEqualTo(ledger.expected());
        assertThat(ledger.duplicateIds() + ledger.outOfOrder() + ledger.redelivered() + ledger.outside()).isZero();
    }

    @Test
    void aRepeatedIdIsARedeliveryOnAnAtLeastOnceChannelAndADuplicateOnAnExactlyOnceOne() {
        Ledger webhook = new Ledger("d", false, 1, 2);
        Ledger topic = new Ledger("d", true, 1, 2);
        for (Ledger ledger : new Ledger[] { webhook, topic }) {
            ledger.accept("a:1", 0, 1);
            ledger.accept("a:2", 1, 2);
            ledger.accept("a:1", 0, 1);
            ledger.accept("a:2", 1, 2);
        }
        assertThat(webhook.redelivered()).isEqualTo(2);
        assertThat(webhook.duplicateIds()).isZero();
        assertThat(webhook.outOfOrder()).isZero();
        assertThat(topic.duplicateIds()).isEqualTo(2);
        assertThat(topic.delivered()).isEqualTo(2);
    }

    @Test
    void aSubmissionUnderASecondEventIdIsADuplicate() {
        Ledger ledger = new Ledger("d", false, 1, 2);
        ledger.accept("a:1", 0, 1);
        ledger.accept("a:2", 0, 2);
        assertThat(ledger.duplicateIds()).isEqualTo(1);
        assertThat(ledger.delivered()).isEqualTo(1);
    }

    @Test
    void anOlderVersionAfterANewerOneIsOutOfOrderAndAMissingOneIsNotDelivered() {
        Ledger ledger = new Ledger("d", true, 2, 3);
        ledger.accept("a:2", Ledger.seq(0, 1, 3), 2);
        ledger.accept("a:1", Ledger.seq(0, 0, 3), 1);
        ledger.accept("b:1", Ledger.seq(1, 0, 3), 1);
        ledger.accept("b:1'", Ledger.seq(1, 1, 3), 1);
        ledger.accept("x", 99, 1);
        assertThat(ledger.outOfOrder()).isEqualTo(2);
        assertThat(ledger.delivered()).isEqualTo(4);
        assertThat(ledger.outside()).isEqualTo(1);
    }
}
