package io.fillonce.sync.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the per-department delivery lanes drain the ledger: entries read per round (the only deliveries a lane
 * holds in memory), how often an idle lane looks again for entries whose retry time has come, and how long a
 * lane's lease lasts without renewal (renewed before every try; it must exceed a webhook's read timeout plus its
 * longest backoff).
 */
@ConfigurationProperties("fillonce.sync.lanes")
public record LaneSettings(@DefaultValue("100") int batchSize, @DefaultValue("1s") Duration idlePoll,
        @DefaultValue("2m") Duration lease) {
}
