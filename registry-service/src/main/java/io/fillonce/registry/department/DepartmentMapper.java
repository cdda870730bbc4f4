package io.fillonce.registry.department;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import io.fillonce.registry.kafka.DepartmentKafkaCredentials;
import io.fillonce.registry.principal.Principals;

@Mapper
interface DepartmentMapper {

    @Mapping(target = "code", source = "id")
    DepartmentView toView(DepartmentDocument document);

    @Mapping(target = "code", source = "document.id")
    @Mapping(target = "name", source = "document.name")
    @Mapping(target = "updatedAt", source = "document.updatedAt")
    @Mapping(target = "webhook", source = "webhook")
    @Mapping(target = "principal", source = "key.principal")
    @Mapping(target = "apiKey", source = "key.apiKey")
    @Mapping(target = "kafka", source = "kafka")
    DepartmentCreated toCreated(DepartmentDocument document, WebhookView webhook, Principals.IssuedKey key,
            DepartmentKafkaCredentials kafka);

    /** Never a secret: HTTP views show them only when issued. */
    default WebhookView toWebhookView(Webhook webhook) {
        return webhook == null ? null
                : new WebhookView(webhook.url(), webhook.active(), null, webhook.previousSecretUntil());
    }
}
