package io.fillonce.registry.department;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import io.fillonce.web.Conflict;

/**
 * A department's webhook secrets and switch: rotation keeps the previous secret signing for the grace period,
 * after which {@link #expirePreviousSecrets()} drops it (and republishes).
 */
@Service
public class Webhooks {

    private static final int BATCH = 200;

    private final Departments departments;
    private final DepartmentSettings settings;
    private final MongoTemplate mongo;
    private final Clock clock;

    Webhooks(Departments departments, DepartmentSettings settings, MongoTemplate mongo, Clock clock) {
        this.departments = departments;
        this.settings = settings;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A new current secret, returned once; the previous one signs too until the grace period ends. */
    WebhookView rotate(String code) {
        DepartmentDocument document = withWebhook(code);
        String secret = WebhookSecrets.generate();
        Webhook webhook = document.getWebhook();
        document.setWebhook(webhook.hasSecret()
                ? webhook.rotated(secret, clock.instant().plus(settings.webhookSecretGrace()))
                : new Webhook(webhook.url(), List.of(secret), null, webhook.active()));
        Webhook saved = departments.save(document).getWebhook();
        return new WebhookView(saved.url(), saved.active(), secret, saved.previousSecretUntil());
    }

    DepartmentView switchTo(String code, boolean active) {
        DepartmentDocument document = withWebhook(code);
        if (document.getWebhook().isOn() != active) {
            document.setWebhook(document.getWebhook().withActive(active));
            document = departments.save(document);
        }
        return departments.get(document.getId());
    }

    /** Drops rotated-out secrets whose grace period is over; gives a secret to webhooks stored without one. */
    @Scheduled(fixedDelayString = "${fillonce.registry.secret-expiry-every:30s}",
            initialDelayString = "${fillonce.registry.secret-expiry-every:30s}")
    public void expirePreviousSecrets() {
        Instant now = clock.instant();
        Query expired = Query.query(Criteria.where("webhook.previousSecretUntil").lte(now)).limit(BATCH);
        for (DepartmentDocument document : mongo.find(expired, DepartmentDocument.class)) {
            document.setWebhook(document.getWebhook().withoutPrevious());
            departments.save(document);
        }
        Query secretless = Query.query(Criteria.where("webhook.url").exists(true).and("webhook.secrets")
                .exists(false)).limit(BATCH);
        for (DepartmentDocument document : mongo.find(secretless, DepartmentDocument.class)) {
            Webhook webhook = document.getWebhook();
            document.setWebhook(new Webhook(webhook.url(), List.of(WebhookSecrets.generate()), null, true));
            departments.save(document);
        }
    }

    private DepartmentDocument withWebhook(String code) {
        DepartmentDocument document = departments.load(code);
        if (document.getWebhook() == null) {
            throw new Conflict("department '" + code + "' has no webhook; add one with PUT /api/registry/"
                    + "departments/" + code);
        }
        return document;
    }
}
