package io.fillonce.fieldrules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * Formats an ISO 8601 date ({@code 2026-11-27}) or date-time ({@code 2026-11-27T08:15:30Z}) with a
 * {@link DateTimeFormatter} pattern such as {@code yyyyMMdd} or {@code yyyy年MM月dd日}; a date-time with an offset
 * is first moved to {@code zone} when one is given.
 */
public record DateFormat(String pattern, DateTimeFormatter formatter, ZoneId zone) implements ValueTransform {

    @Override
    public JsonNode apply(JsonNode value, String from, FieldHasher hasher) {
        if (!value.isString()) {
            throw new UnmappableRecord("value at " + from + " is " + value.getNodeType() + ", not an ISO date or "
                    + "date-time string, so it cannot be formatted as '" + pattern + "'");
        }
        try {
            return StringNode.valueOf(formatter.format(parse(value.stringValue())));
        }
        catch (DateTimeException e) {
            // never the value nor the parser's message (which quotes it): reasons end up in logs and receipts
            throw new UnmappableRecord("the value at " + from + " is not an ISO date or date-time that can be "
                    + "formatted as '" + pattern + "'");
        }
    }

    private TemporalAccessor parse(String text) {
        if (!text.contains("T")) {
            return LocalDate.parse(text);
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(text);
            return zone == null ? time : time.atZoneSameInstant(zone);
        }
        catch (DateTimeException withoutOffset) {
            return LocalDateTime.parse(text);
        }
    }
}
