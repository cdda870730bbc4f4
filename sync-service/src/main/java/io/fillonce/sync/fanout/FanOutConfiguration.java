package io.fillonce.sync.fanout;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * At-least-once for the records consumer: when the ledger cannot be written the record is retried, with growing
 * pauses and without giving up (a record is never skipped because MongoDB was away). A message that is not a
 * record event (or cannot be deserialized) is logged and skipped.
 */
@Configuration(proxyBeanMethods = false)
class FanOutConfiguration {

    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    @Bean
    CommonErrorHandler recordsErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY.toMillis(), 2.0);
        backOff.setMaxInterval(LONGEST_RETRY.toMillis());
        DefaultErrorHandler errors = new DefaultErrorHandler(backOff);
        errors.addNotRetryableExceptions(MalformedRecordEvent.class);
        return errors;
    }
}
