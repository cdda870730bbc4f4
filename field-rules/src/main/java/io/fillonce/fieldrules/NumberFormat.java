package io.fillonce.fieldrules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.StringNode;

/**
 * Rounds a number to {@code scale} decimal places with {@code rounding} (a JSON number), and/or formats it with a
 * {@link DecimalFormat} {@code pattern} such as {@code #,##0.00} (a string, '.' as decimal and ',' as grouping
 * separator whatever the server's locale).
 */
public record NumberFormat(Integer scale, RoundingMode rounding, String pattern) implements ValueTransform {

    @Override
    public JsonNode apply(JsonNode value, String from, FieldHasher hasher) {
        if (!value.isNumber()) {
            throw new UnmappableRecord("value at " + from + " is " + value.getNodeType() + ", not a number, so it "
                    + "cannot be formatted");
        }
        BigDecimal number = value.decimalValue();
        if (scale != null) {
            number = number.setScale(scale, rounding);
        }
        return pattern == null ? DecimalNode.valueOf(number)
                : StringNode.valueOf(decimalFormat(pattern, rounding).format(number));
    }

    /** A new formatter each time: DecimalFormat is not thread-safe. */
    private static DecimalFormat decimalFormat(String pattern, RoundingMode rounding) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(rounding);
        return format;
    }
}
