package io.fillonce.registry.system;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock, and the instant as MongoDB keeps it (milliseconds), so what is answered equals what is stored. */
@Configuration(proxyBeanMethods = false)
public class Clocks {

    public static Instant millis(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
