package io.fillonce.registry.department;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Lazy;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import io.fillonce.registry.kafka.DepartmentKafkaCredentials;
import io.fillonce.registry.kafka.KafkaAccess;
import io.fillonce.registry.kafka.TopicReaders;
import io.fillonce.registry.principal.NewPrincipal;
import io.fillonce.registry.principal.Principals;
import io.fillonce.registry.principal.Role;
import io.fillonce.registry.publishing.RegistryPublisher;
import io.fillonce.registry.system.AlreadyExists;
import io.fillonce.registry.system.BrokerUnavailable;
import io.fillonce.registry.system.Pages;
import io.fillonce.web.Conflict;
import io.fillonce.web.InvalidInput;
import io.fillonce.web.NotFound;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

/**
 * Registers and changes departments, each with its own principal and API key, optional webhook and, where the registry
 * manages the broker's access, its own Kafka credentials.
 */
@Service
public class Departments {

    private static final Logger log = LoggerFactory.getLogger(Departments.class);

    private final DepartmentRepository repository;
    private final DepartmentMapper mapper;
    private final Principals principals;
    private final WebhookUsers webhookUsers;
    private final DepartmentSettings settings;
    private final RegistryPublisher publisher;
    private final MongoTemplate mongo;
    private final KafkaAccess kafkaAccess;
    private final TopicReaders topicReaders;
    private final Clock clock;

    Departments(DepartmentRepository repository, DepartmentMapper mapper, Principals principals,
            @Lazy WebhookUsers webhookUsers, DepartmentSettings settings, RegistryPublisher publisher,
            MongoTemplate mongo, KafkaAccess kafkaAccess, @Lazy TopicReaders topicReaders, Clock clock) {
        this.repository = repository;
        this.mapper = mapper;
        this.principals = principals;
        this.webhookUsers = webhookUsers;
        this.settings = settings;
        this.publisher = publisher;
        this.mongo = mongo;
        this.kafkaAccess = kafkaAccess;
        this.topicReaders = topicReaders;
        this.clock = clock;
    }

    /**
     * Two single-document writes: the department first (its code is unique), then its principal. A crash in
     * between leaves a department without a principal; {@link PrincipalRepair} creates it (with a key nobody
     * knows, since the answer that would have shown it was lost; rotate-key issues a usable one).
     */
    DepartmentCreated register(DepartmentRequest request) {
        validate(request, null);
        if (repository.existsById(request.code())) {
            throw new AlreadyExists("department", request.code());
        }
        DepartmentDocument document = new DepartmentDocument();
        document.setId(request.code());
        document.setName(request.name().strip());
        String secret = request.webhook() == null ? null : WebhookSecrets.generate();
        document.setWebhook(secret == null ? null : new Webhook(request.webhook().url(), List.of(secret), null, true));
        document.changed(clock.instant());
        DepartmentDocument saved = repository.insert(document);
        publisher.publish(saved);
        Principals.IssuedKey key = principals.create(principalOf(saved));
        return mapper.toCreated(saved, issued(saved.getWebhook(), secret), key, kafkaCredentialsOf(saved.getId()));
    }

    /** New Kafka credentials for the department's own consumers (the old password stops working), answered once. */
    DepartmentKafkaCredentials rotateKafkaCredentials(String code) {
        load(code);
        return kafkaAccess.issue(code, topicReaders.mayRead(code)).orElseThrow(() -> new Conflict("this registry does "
                + "not manage the Kafka broker's access (fillonce.kafka.access.managed=false): the broker's operator "
                + "issues credentials"));
    }

    /** The department exists and has its key by now: a broker that does not answer must not undo that. */
    private DepartmentKafkaCredentials kafkaCredentialsOf(String code) {
        try {
            return kafkaAccess.issue(code, topicReaders.mayRead(code)).orElse(null);
        }
        catch (BrokerUnavailable e) {
            log.warn("Department {} registered without Kafka credentials ({}); rotating them issues them", code,
                    e.getMessage());
            return null;
        }
    }

    /** Changes name and webhook URL; adding a webhook issues its secret (shown once), null removes it. */
    DepartmentView change(String code, DepartmentRequest request) {
        DepartmentDocument document = load(code);
        validate(request, code);
        document.setName(request.name().strip());
        Webhook current = document.getWebhook();
        String secret = null;
        if (request.webhook() == null) {
            refuseRemovalInUse(code, current);
            document.setWebhook(null);
        }
        else if (current == null) {
            secret = WebhookSecrets.generate();
            document.setWebhook(new Webhook(request.webhook().url(), List.of(secret), null, true));
        }
        else {
            document.setWebhook(current.withUrl(request.webhook().url()));
        }
        DepartmentDocument saved = save(document);
        return new DepartmentView(saved.getId(), saved.getName(), issued(saved.getWebhook(), secret),
                saved.getUpdatedAt());
    }

    Page<DepartmentView> list(String codePrefix, Paging paging) {
        return Pages.find(paging, mongo, Pages.withPrefix(new Query(), "_id", codePrefix), DepartmentDocument.class,
                mapper::toView);
    }

    DepartmentView get(String code) {
        return mapper.toView(load(code));
    }

    public boolean exists(String code) {
        return repository.existsById(code);
    }

    /** Whether the department exists and has a webhook that is switched on. */
    public boolean hasActiveWebhook(String code) {
        return repository.findById(code).map(DepartmentDocument::getWebhook).map(Webhook::isOn).orElse(false);
    }

    DepartmentDocument load(String code) {
        return repository.findById(code).orElseThrow(() -> new NotFound("department", code));
    }

    DepartmentDocument save(DepartmentDocument document) {
        document.changed(clock.instant());
        DepartmentDocument saved = repository.save(document);
        publisher.publish(saved);
        return saved;
    }

    static NewPrincipal principalOf(DepartmentDocument department) {
        return new NewPrincipal(Role.DEPARTMENT, department.getId(), department.getName(), department.getId(),
                null);
    }

    private void refuseRemovalInUse(String code, Webhook current) {
        List<String> users = current == null ? List.of() : webhookUsers.subscriptionsUsingWebhook(code);
        if (!users.isEmpty()) {
            throw new Conflict("the webhook of department '" + code + "' is used by subscriptions " + users
                    + "; change their channels first (or disable the webhook)");
        }
    }

    private void validate(DepartmentRequest request, String code) {
        var problems = DepartmentRules.check(request, code, settings.allowHttpWebhooks());
        if (!problems.isEmpty()) {
            throw new InvalidInput("The department is invalid", problems);
        }
    }

    private static WebhookView issued(Webhook webhook, String secret) {
        return webhook == null ? null
                : new WebhookView(webhook.url(), webhook.active(), secret, webhook.previousSecretUntil());
    }
}
