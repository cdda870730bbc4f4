package io.fillonce.sync.registry;

import java.net.URI;
import java.util.List;

/** A registered department; its code names its topic {@code fillonce.dept.<code>}. {@code webhook} may be null. */
public record Department(String code, String name, Webhook webhook) {

    /** The department's endpoint: Standard Webhooks secrets {@code whsec_...}, current first. */
    public record Webhook(URI url, List<String> secrets, boolean active) {

        public Webhook {
            secrets = List.copyOf(secrets);
        }

        /** Never the secrets, wherever a webhook is logged. */
        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secrets=<" + secrets.size() + " hidden>, active=" + active + "]";
        }
    }
}
