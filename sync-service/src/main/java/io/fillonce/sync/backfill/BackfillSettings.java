package io.fillonce.sync.backfill;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How backfill and re-sync jobs run: entities read per batch (the only ones a job holds in memory), jobs run at
 * once per instance, how often an instance looks for new subscriptions and abandoned jobs, after how long
 * without a heartbeat a RUNNING job counts as abandoned and another instance takes it over, and how long after
 * its first pass a backfill starts its settle pass ({@code settleAfter}: must exceed how long a registry change
 * takes to reach every instance's view; 0 turns settling off, right only for a single instance).
 */
@ConfigurationProperties("fillonce.sync.backfill")
public record BackfillSettings(@DefaultValue("500") int batchSize, @DefaultValue("2") int threads,
        @DefaultValue("5s") Duration sweep, @DefaultValue("30s") Duration staleAfter,
        @DefaultValue("10s") Duration settleAfter) {
}
