package io.fillonce.sync.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the per-department delivery lanes drain the ledger: entries read per round (the only deliveries a lane
 * holds in memory), and how often an idle lane looks again for entries whose retry time has come.
 */
@ConfigurationProperties("fillonce.sync.lanes")
public record LaneSettings(@DefaultValue("100") int batchSize, @DefaultValue("1s") Duration idlePoll) {
}
