package io.fillonce.registry.department;

import java.util.List;

import org.springframework.stereotype.Component;

import io.fillonce.contracts.trust.SealedSecrets;
import io.fillonce.registry.publishing.RegistryKind;
import io.fillonce.registryfeed.EntryKind;

/**
 * Published with the webhook's signing secrets sealed for sync-service, so sync signs deliveries without asking the
 * registry and no reader of the topic without the sealing key learns them.
 */
@Component
class DepartmentKind implements RegistryKind<DepartmentDocument> {

    private final SealedSecrets sealing;

    DepartmentKind(SealedSecrets sealing) {
        this.sealing = sealing;
    }

    @Override
    public EntryKind kind() {
        return EntryKind.DEPARTMENT;
    }

    @Override
    public Class<DepartmentDocument> documentType() {
        return DepartmentDocument.class;
    }

    @Override
    public Object state(DepartmentDocument document) {
        Webhook webhook = document.getWebhook();
        DepartmentState.WebhookState published = webhook == null ? null : new DepartmentState.WebhookState(
                webhook.url(), sealed(webhook, document.getId()), webhook.isOn());
        return new DepartmentState(document.getId(), document.getName(), published, document.getUpdatedAt());
    }

    private List<String> sealed(Webhook webhook, String department) {
        return webhook.hasSecret()
                ? webhook.secrets().stream().map(secret -> sealing.seal(secret, department)).toList()
                : List.of();
    }
}
