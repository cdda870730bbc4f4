package io.fillonce.sync.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a Retry-After header: delay-seconds or an HTTP date. Null when absent or unreadable. */
final class RetryAfter {

    private RetryAfter() {
    }

    static Duration parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            return text.length() > 9 ? Duration.ofDays(1) : Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            Duration until = Duration.between(clock.instant(),
                    ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }
}
