package io.fillonce.sync.flow;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.web.InvalidParameter;
import io.swagger.v3.oas.annotations.Operation;
import org.bson.Document;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static io.fillonce.sync.flow.Tallies.number;

/**
 * The burden-reduction ledger ({@link BurdenLedger}) as people read it: operators by day, cadre, department and
 * record type; a cadre its own figure.
 */
@RestController
class BurdenController {

    private static final List<String> DIMENSIONS = List.of("day", "cadre", "department", "recordType");
    private static final int DEFAULT_DAYS = 30;
    private static final int MAX_DAYS = 366;

    private final BurdenLedger ledger;
    private final Clock clock = Clock.systemUTC();

    BurdenController(BurdenLedger ledger) {
        this.ledger = ledger;
    }

    @Operation(summary = "Forms and fields departments did not have to fill again, grouped (OPS, ADMIN)",
            description = "from/to: ISO days (UTC), inclusive, at most 366 days (default: the last 30); by: a "
                    + "comma-separated list of day, cadre, department, recordType (default day). allTime: every "
                    + "confirmed delivery counted so far.")
    @GetMapping("/api/ops/burden")
    BurdenView burden(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false, defaultValue = "day") String by) {
        LocalDate last = day("to", to, LocalDate.now(clock));
        LocalDate first = day("from", from, last.minusDays(DEFAULT_DAYS - 1));
        if (first.isAfter(last)) {
            throw InvalidParameter.of("from", "order", "'from' (" + first + ") must not be after 'to' (" + last + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw InvalidParameter.of("from", "maximum", "at most " + MAX_DAYS + " days at once, got " + first + " to "
                    + last);
        }
        List<String> dimensions = dimensions(by);
        Map<List<String>, long[]> grouped = new LinkedHashMap<>();
        long forms = 0;
        long fields = 0;
        for (Document document : ledger.days(first.toString(), last.toString())) {
            List<String> key = dimensions.stream().map(document::getString).toList();
            long[] sums = grouped.computeIfAbsent(key, k -> new long[2]);
            sums[0] += number(document, "forms");
            sums[1] += number(document, "fields");
            forms += number(document, "forms");
            fields += number(document, "fields");
        }
        List<BurdenView.Row> rows = new ArrayList<>(grouped.size());
        grouped.forEach((key, sums) -> rows.add(BurdenView.Row.of(dimensions, key, sums[0], sums[1])));
        rows.sort(Comparator.comparing(BurdenView.Row::sortKey));
        return new BurdenView(first.toString(), last.toString(), forms, fields, ledger.totals(BurdenLedger.ALL),
                rows);
    }

    @Operation(summary = "The calling cadre's own figure: forms and fields its submissions spared departments",
            description = "In all, and for each of the last 30 days (UTC), oldest first.")
    @GetMapping("/api/burden/mine")
    OwnBurden mine(VerifiedCaller caller) {
        LocalDate today = LocalDate.now(clock);
        List<String> days = today.minusDays(DEFAULT_DAYS - 1).datesUntil(today.plusDays(1))
                .map(LocalDate::toString).toList();
        List<OwnBurden.Day> figures = new ArrayList<>(days.size());
        ledger.cadreDays(caller.principal(), days).forEach((day, figure) ->
                figures.add(new OwnBurden.Day(day, figure.forms(), figure.fields())));
        BurdenLedger.Figures total = ledger.totals(caller.principal());
        return new OwnBurden(caller.principal(), total.forms(), total.fields(), figures);
    }

    private static LocalDate day(String name, String value, LocalDate absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeParseException e) {
            throw InvalidParameter.of(name, "format", "'" + name + "' must be an ISO day such as 2026-12-07, got '"
                    + value + "'");
        }
    }

    private static List<String> dimensions(String by) {
        List<String> dimensions = Arrays.stream(by.split(",")).map(String::strip).filter(d -> !d.isEmpty())
                .distinct().toList();
        for (String dimension : dimensions) {
            if (!DIMENSIONS.contains(dimension)) {
                throw InvalidParameter.of("by", "enum", "'by' lists what to group by, from " + DIMENSIONS + "; got '"
                        + dimension + "'");
            }
        }
        return dimensions;
    }
}
