package io.fillonce.registry.department;

import org.springframework.data.mongodb.core.mapping.Document;

import io.fillonce.registry.publishing.RegistryDocument;

/** A department; the id is its code. Its principal lives in the principals collection. */
@Document("departments")
class DepartmentDocument extends RegistryDocument {

    private String name;
    private Webhook webhook;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Webhook getWebhook() {
        return webhook;
    }

    public void setWebhook(Webhook webhook) {
        this.webhook = webhook;
    }
}
