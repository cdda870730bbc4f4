package io.fillonce.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire contracts in {@code contracts/}, read from the classpath: producers' tests check what they emit
 * against {@link #violations(String, JsonNode)}, consumers' tests feed themselves the {@link #example(String)}
 * messages. Only these files and the registry signature ({@code io.fillonce.contracts.trust}, part of the wire
 * contract of fillonce.registry) are shared between services.
 */
public final class Contracts {

    public static final String RECORD_EVENT = "record-event.schema.json";
    public static final String REGISTRY_ENTRY = "registry-entry.schema.json";
    public static final String DEPARTMENT_RECORD = "department-record.schema.json";
    public static final String PROBLEM = "problem.schema.json";
    public static final String AUDIT_EVENT = "audit-event.schema.json";

    private static final String ROOT = "fillonce/contracts/";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private Contracts() {
    }

    /** Messages naming each way {@code value} breaks the schema file {@code schemaFile}; empty when it conforms. */
    public static List<String> violations(String schemaFile, JsonNode value) {
        Schema schema = LOADED.computeIfAbsent(schemaFile, file -> SCHEMAS.getSchema(read("schemas/" + file)));
        return schema.validate(value).stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    /**
     * An example message, e.g. {@code example("records/resident-upserted.json")}: an object with {@code topic},
     * {@code key}, {@code headers} (name to string value) and {@code value}.
     */
    public static JsonNode example(String path) {
        return read("examples/" + path);
    }

    private static JsonNode read(String path) {
        try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract file " + ROOT + path + " on the classpath");
            }
            return JSON.readTree(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
