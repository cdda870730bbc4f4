package io.fillonce.sync.backfill;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How backfill and re-sync jobs run. Each stream task walks its own partition's entities between live records:
 * every {@code interval} at most {@code chunk} entities or {@code budget} of time, whichever comes first, so
 * live records never wait behind a job for longer than that. {@code sweep}: how often an instance looks for new
 * subscriptions to backfill and for jobs started elsewhere, and reports the tasks' progress.
 */
@ConfigurationProperties("fillonce.sync.backfill")
public record BackfillSettings(@DefaultValue("2000") int chunk, @DefaultValue("25ms") Duration interval,
        @DefaultValue("40ms") Duration budget, @DefaultValue("1s") Duration sweep) {
}
