package io.fillonce.intake.registry;

import java.util.List;

import com.networknt.schema.Schema;

/**
 * One record type as the registry currently defines it, with its JSON Schema compiled once.
 *
 * @param name the type's name, e.g. {@code resident}
 * @param version the version of the type's schema
 * @param entityKey the fields whose values identify an entity, in order
 * @param schema the compiled JSON Schema (Draft 2020-12) every record of this type must match
 */
public record RecordType(String name, int version, List<String> entityKey, Schema schema) {

    public RecordType {
        entityKey = List.copyOf(entityKey);
    }
}
