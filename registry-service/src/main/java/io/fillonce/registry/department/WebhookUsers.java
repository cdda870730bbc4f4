package io.fillonce.registry.department;

import java.util.List;

/** Who delivers to a department's webhook: implemented where subscriptions live. */
public interface WebhookUsers {

    /** Ids of the department's subscriptions with the webhook channel. */
    List<String> subscriptionsUsingWebhook(String department);
}
