package io.fillonce.sync.flow;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.sync.webhook.DeadLetters;
import io.fillonce.sync.webhook.WebhookResilience;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * Puts the flows together: the subscriptions that have not ended (so a flow shows before its first delivery), the
 * ledger's counts, open dead letters and parked entities, and the lag watch. A flow is FAILING while one of its
 * open dead letters is newer than its department's last delivery on the channel (the last thing that happened
 * there was a failure; a replay or discard ends it, as does a later delivery), LAGGING while the channel's oldest
 * unread message is older than the lag threshold.
 */
@Component
public class Flows {

    private static final List<String> CHANNELS = List.of("topic", "webhook", "feed");

    private final FlowLedger ledger;
    private final LagWatch lags;
    private final RegistryView registry;
    private final DeadLetters deadLetters;
    private final WebhookResilience resilience;
    private final AlertSettings settings;
    private final Clock clock = Clock.systemUTC();

    Flows(FlowLedger ledger, LagWatch lags, RegistryView registry, DeadLetters deadLetters,
            WebhookResilience resilience, AlertSettings settings) {
        this.ledger = ledger;
        this.lags = lags;
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.resilience = resilience;
        this.settings = settings;
    }

    public FlowsView view() {
        Instant now = clock.instant();
        long windowMinutes = Math.max(1, settings.flowWindow().toMinutes());
        long windowSeconds = windowMinutes * 60;
        Map<String, Document> totals = new TreeMap<>();
        ledger.totals().forEach(total -> totals.put(total.getString("_id"), total));
        Map<String, FlowKey> keys = new TreeMap<>();
        totals.values().forEach(total -> add(keys, new FlowKey(total.getString("recordType"),
                total.getString("department"), total.getString("channel"))));
        for (Subscription subscription : registry.subscriptions()) {
            if (!subscription.ended()) {
                CHANNELS.stream().filter(subscription::sharesBy).forEach(channel -> add(keys,
                        new FlowKey(subscription.recordType(), subscription.department(), channel)));
            }
        }
        Map<String, Long> recent = ledger.deliveredSince(now.getEpochSecond() / 60 - windowMinutes + 1);
        Map<String, DeadLetters.OpenLetters> dead = deadLetters.openPerFlow();
        Map<String, Long> parked = deadLetters.parkedPerFlow();
        Map<String, Instant> lastPerChannel = new TreeMap<>();
        totals.values().forEach(total -> lastPerChannel.merge(total.getString("department") + "|"
                + total.getString("channel"), total.getDate("lastDelivery").toInstant(),
                (a, b) -> a.isAfter(b) ? a : b));
        List<FlowsView.Flow> flows = new ArrayList<>();
        for (Map.Entry<String, FlowKey> entry : keys.entrySet()) {
            FlowKey key = entry.getValue();
            Document total = totals.get(entry.getKey());
            DeadLetters.OpenLetters letters = dead.get(entry.getKey());
            long failed = letters == null ? 0 : letters.count();
            long held = key.channel().equals("webhook")
                    ? parked.getOrDefault(key.recordType() + "|" + key.department(), 0L) : 0;
            ChannelLag lag = lags.lag(key.department(), key.channel());
            Date last = total == null ? null : total.getDate("lastDelivery");
            flows.add(new FlowsView.Flow(key.recordType(), key.department(), key.channel(),
                    number(total, "delivered"), number(total, "fields"), failed, held,
                    lag == null ? null : lag.messages(), lag == null ? null : lag.seconds(),
                    last == null ? null : last.toInstant(),
                    recent.getOrDefault(entry.getKey(), 0L) / (double) windowSeconds,
                    health(letters, lastPerChannel.get(key.department() + "|" + key.channel()), lag)));
        }
        return new FlowsView(now, windowSeconds, totals(flows, dead, recent, windowSeconds), flows,
                departments(flows), settings.traceLink() == null || settings.traceLink().isBlank() ? null
                        : settings.traceLink());
    }

    private static void add(Map<String, FlowKey> keys, FlowKey key) {
        keys.putIfAbsent(key.id(), key);
    }

    private FlowsView.Health health(DeadLetters.OpenLetters letters, Instant lastOnChannel, ChannelLag lag) {
        if (letters != null && (lastOnChannel == null || letters.newest().isAfter(lastOnChannel))) {
            return FlowsView.Health.FAILING;
        }
        if (lag != null && lag.seconds() != null && lag.seconds() > settings.lagSeconds()) {
            return FlowsView.Health.LAGGING;
        }
        return FlowsView.Health.OK;
    }

    private static FlowsView.Totals totals(List<FlowsView.Flow> flows, Map<String, DeadLetters.OpenLetters> dead,
            Map<String, Long> recent, long windowSeconds) {
        long failed = flows.stream().mapToLong(FlowsView.Flow::failed).sum();
        return new FlowsView.Totals(flows.stream().mapToLong(FlowsView.Flow::delivered).sum(), failed,
                flows.stream().mapToLong(FlowsView.Flow::parked).sum(),
                dead.values().stream().mapToLong(DeadLetters.OpenLetters::count).sum(),
                recent.values().stream().mapToLong(Long::longValue).sum() / (double) windowSeconds);
    }

    private List<FlowsView.DepartmentHealth> departments(List<FlowsView.Flow> flows) {
        Map<String, FlowsView.Health> worst = new TreeMap<>();
        flows.forEach(flow -> worst.merge(flow.department(), flow.health(),
                (a, b) -> a.compareTo(b) >= 0 ? a : b));
        return worst.entrySet().stream().map(entry -> new FlowsView.DepartmentHealth(entry.getKey(),
                entry.getValue(), resilience.breakerState(entry.getKey())))
                .sorted(Comparator.comparing(FlowsView.DepartmentHealth::department)).toList();
    }

    private static long number(Document document, String field) {
        Number value = document == null ? null : document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
