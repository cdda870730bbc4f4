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
 * @param regionField the required top-level string field carrying an entity's region code, or null when the type
 *        is not regional (then every cadre may touch every entity)
 * @param crossRegionCorrection cadres may read and correct entities of any region (submitting stays regional)
 */
public record RecordType(String name, int version, List<String> entityKey, Schema schema, String regionField,
        boolean crossRegionCorrection) {

    public RecordType {
        entityKey = List.copyOf(entityKey);
    }

    /** A type that is not regional. */
    public RecordType(String name, int version, List<String> entityKey, Schema schema) {
        this(name, version, entityKey, schema, null, false);
    }
}
