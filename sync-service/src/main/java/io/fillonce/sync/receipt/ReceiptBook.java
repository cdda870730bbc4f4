package io.fillonce.sync.receipt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.sync.state.EntityRecord;
import io.fillonce.sync.state.Share;
import io.fillonce.sync.webhook.DeadLetter;
import io.fillonce.sync.webhook.DeadLetters;
import io.fillonce.sync.webhook.ParkedEntity;
import io.fillonce.sync.webhook.WebhookMessage;
import io.fillonce.sync.webhook.WebhookReceipts;

import org.springframework.stereotype.Component;

/**
 * Builds an entity's receipts from what sync keeps anyway: the share each subscription last made (the entity
 * record), the version each webhook endpoint last confirmed, and the dead letter and held versions of a parked
 * entity. Lookups by id only.
 */
@Component
public class ReceiptBook {

    private final RegistryView registry;
    private final WebhookReceipts webhookReceipts;
    private final DeadLetters deadLetters;

    ReceiptBook(RegistryView registry, WebhookReceipts webhookReceipts, DeadLetters deadLetters) {
        this.registry = registry;
        this.webhookReceipts = webhookReceipts;
        this.deadLetters = deadLetters;
    }

    public Receipts of(EntityRecord entity) {
        List<Receipt> receipts = new ArrayList<>();
        for (Map.Entry<String, Share> entry : entity.shares().entrySet()) {
            Share share = entry.getValue();
            String eventId = share.eventId(entity.recordId() + ":" + share.version());
            Set<String> channels = registry.subscription(entry.getKey()).map(Subscription::channels)
                    .orElse(Set.of("topic"));
            for (String channel : channels.stream().sorted().toList()) {
                if (!share.shared()) {
                    receipts.add(Receipt.of(share.department(), channel, null, share.version(), "SKIPPED", null, 0,
                            share.skippedBecause()));
                }
                else if (share.wasRetracted()) {
                    receipts.add(Receipt.of(share.department(), channel, eventId, share.version(), "RETRACTED",
                            share.at(), 1, "the entity was retracted: a retracted notice was sent"));
                }
                else if (share.left()) {
                    receipts.add(Receipt.of(share.department(), channel, eventId, share.version(), "WITHDRAWN",
                            share.at(), 1, "no longer matches the subscription's filter: a withdrawn notice was sent"));
                }
                else if ("webhook".equals(channel)) {
                    receipts.addAll(webhook(entity.subject(), share, eventId));
                }
                else {
                    receipts.add(Receipt.of(share.department(), channel, eventId, share.version(), "DELIVERED",
                            share.at(), 1, null));
                }
            }
        }
        return new Receipts(entity.type(), entity.entityKey(), receipts.stream()
                .map(receipt -> receipt.version() == entity.version() && entity.traceId() != null
                        ? receipt.traced(entity.traceId()) : receipt).toList());
    }

    private List<Receipt> webhook(String subject, Share share, String eventId) {
        String department = share.department();
        List<Receipt> receipts = new ArrayList<>();
        long known = 0;
        Optional<WebhookReceipts.Confirmed> confirmed = webhookReceipts.last(department, subject);
        if (confirmed.isPresent()) {
            WebhookReceipts.Confirmed c = confirmed.get();
            receipts.add(Receipt.of(department, "webhook", c.eventId(), c.version(), "DELIVERED", c.at(), c.attempts(),
                    null));
            known = c.version();
        }
        Optional<ParkedEntity> parked = deadLetters.parkedEntity(department, subject);
        if (parked.isPresent()) {
            Optional<DeadLetter> letter = deadLetters.find(parked.get().deadLetter());
            if (letter.isPresent() && letter.get().open()) {
                DeadLetter dead = letter.get();
                receipts.add(Receipt.of(department, "webhook", dead.eventId(), dead.version(), dead.status().name(),
                        null, dead.attempts(), dead.reason()));
                known = Math.max(known, dead.version());
            }
            for (WebhookMessage held : parked.get().held()) {
                receipts.add(Receipt.of(department, "webhook", held.eventId(), held.version(), "PENDING", null, 0,
                        "waiting behind dead letter " + parked.get().deadLetter()));
                known = Math.max(known, held.version());
            }
        }
        if (share.version() > known) {
            receipts.add(Receipt.of(department, "webhook", eventId, share.version(), "PENDING", null, 0, null));
        }
        return receipts;
    }
}
