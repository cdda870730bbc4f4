package io.fillonce.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code fillonce.intake}.
 *
 * @param maxRecordBytes largest accepted request body; larger submissions are refused with 413
 * @param relay how the outbox relay runs
 */
@ConfigurationProperties("fillonce.intake")
public record IntakeProperties(@DefaultValue("1MB") DataSize maxRecordBytes, @DefaultValue Relay relay) {

    /**
     * @param interval pause between two relay rounds
     * @param batchSize most entities with pending events handled in one round
     * @param sendTimeout how long one publication may wait for the broker's acknowledgement
     */
    public record Relay(@DefaultValue("200ms") Duration interval, @DefaultValue("100") int batchSize,
            @DefaultValue("45s") Duration sendTimeout) {
    }
}
