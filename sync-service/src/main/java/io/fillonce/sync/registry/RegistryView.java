package io.fillonce.sync.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fillonce.contracts.trust.SealedSecrets;
import io.fillonce.fieldrules.CodeTable;
import io.fillonce.fieldrules.CodeTables;
import io.fillonce.fieldrules.InvalidMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * This instance's in-memory copy of the registry kinds sync needs (subscriptions, code tables, departments, and of
 * record types the field that carries an entity's region and the current JSON Schema), fed from the compacted topic fillonce.registry.
 * Written by the registry consumer, read by the fan-out.
 */
@Component
public class RegistryView implements CodeTables {

    private static final Logger log = LoggerFactory.getLogger(RegistryView.class);

    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, CodeTable> codeTables = new ConcurrentHashMap<>();
    private final Map<String, Department> departments = new ConcurrentHashMap<>();
    private final Map<String, String> regionFields = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> recordSchemas = new ConcurrentHashMap<>();
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final SealedSecrets webhookSecrets;

    public RegistryView(JsonMapper json, ApplicationEventPublisher events, SealedSecrets webhookSecrets) {
        this.json = json;
        this.events = events;
        this.webhookSecrets = webhookSecrets;
    }

    public List<Subscription> subscriptionsFor(String recordType) {
        return subscriptions.values().stream().filter(s -> s.recordType().equals(recordType)).toList();
    }

    public List<Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    public Optional<Subscription> subscription(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    /**
     * A subscription as {@code state} (a registry entry's subscription state) would make it, not registered: for
     * previewing what a sharing request would deliver. @throws InvalidMapping naming what cannot be read
     */
    public static Subscription proposed(JsonNode state) {
        return RegistryEntryReader.subscription(state);
    }

    public Optional<Department> department(String code) {
        return Optional.ofNullable(departments.get(code));
    }

    /** The top-level field of the record type that carries an entity's region code, empty when it has none. */
    public Optional<String> regionField(String recordType) {
        return Optional.ofNullable(regionFields.get(recordType));
    }

    /**
     * The record type's current JSON Schema (2020-12) as registered, empty while the type is unknown here: what the
     * onboarding kit derives a subscription's payload schema from.
     */
    public Optional<JsonNode> recordSchema(String recordType) {
        return Optional.ofNullable(recordSchemas.get(recordType));
    }

    @Override
    public Optional<CodeTable> find(String name) {
        return Optional.ofNullable(codeTables.get(name));
    }

    Map<String, Integer> sizes() {
        return Map.of("subscriptions", subscriptions.size(), "codeTables", codeTables.size(),
                "departments", departments.size());
    }

    /**
     * Applies one registry record: key {@code <kind>/<id>}, value the JSON entry or null when deleted. An entry
     * that cannot be read removes what the view held for that key, so an outdated mapping never keeps running.
     */
    public void apply(String key, String value) {
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash < 1) {
            log.warn("Ignoring registry record with key '{}': expected <kind>/<id>", key);
            return;
        }
        String kind = key.substring(0, slash);
        String id = key.substring(slash + 1);
        if (value == null) {
            remove(kind, id);
            return;
        }
        try {
            put(kind, id, json.readTree(value).path("state"));
        }
        catch (JacksonException | InvalidMapping e) {
            remove(kind, id);
            log.error("Registry entry {} cannot be used, dropped from the view: {}", key, e.getMessage());
        }
    }

    private void put(String kind, String id, JsonNode state) {
        switch (kind) {
            case "subscription" -> {
                Subscription next = RegistryEntryReader.subscription(state);
                Subscription previous = subscriptions.put(id, next);
                if (previous == null) {
                    events.publishEvent(new SubscriptionAppeared(id));
                }
                else if (previous.status() != next.status()) {
                    events.publishEvent(new SubscriptionStatusChanged(id, next.status()));
                }
            }
            case "code-table" -> codeTables.put(id, RegistryEntryReader.codeTable(state));
            case "department" -> {
                if (departments.put(id, RegistryEntryReader.department(state, webhookSecrets)) == null) {
                    events.publishEvent(new DepartmentAppeared(id));
                }
            }
            case "record-type" -> {
                JsonNode schema = state.path("schema");
                if (schema.isObject()) {
                    recordSchemas.put(id, schema.deepCopy());
                }
                else {
                    recordSchemas.remove(id);
                }
                String regionField = state.path("regionField").asString("");
                if (regionField.isEmpty()) {
                    regionFields.remove(id);
                }
                else {
                    regionFields.put(id, regionField);
                }
            }
            default -> {
                // principals are other services' business
            }
        }
    }

    private void remove(String kind, String id) {
        switch (kind) {
            case "subscription" -> subscriptions.remove(id);
            case "code-table" -> codeTables.remove(id);
            case "department" -> departments.remove(id);
            case "record-type" -> {
                regionFields.remove(id);
                recordSchemas.remove(id);
            }
            default -> {
                // not held
            }
        }
    }
}
