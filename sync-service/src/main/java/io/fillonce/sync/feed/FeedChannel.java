package io.fillonce.sync.feed;

import java.time.Duration;

import io.fillonce.sync.delivery.Channel;
import io.fillonce.sync.delivery.Delivery;
import io.fillonce.sync.delivery.Ledger;

import org.springframework.stereotype.Component;

/**
 * The feed channel: delivering means taking the department's next feed position (one atomic {@code $inc}); the
 * lane then marks the entry DELIVERED with it. One lane per department writes its feed, so positions become
 * visible in order and an event id gets exactly one position.
 */
@Component
class FeedChannel implements Channel {

    private static final Duration PAUSE = Duration.ofSeconds(2);

    private final Ledger ledger;

    FeedChannel(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return "feed";
    }

    @Override
    public Long send(Delivery delivery) {
        return ledger.nextFeedSequence(delivery.department());
    }

    @Override
    public boolean deadLetters() {
        return false;
    }

    @Override
    public Duration pause() {
        return PAUSE;
    }
}
