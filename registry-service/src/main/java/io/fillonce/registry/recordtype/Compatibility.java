package io.fillonce.registry.recordtype;

/**
 * How a record type's new version must relate to its current one; the standard schema-registry meanings, with
 * "reader" = a consumer holding one schema and "writer" = the producer of a record under the other.
 * <ul>
 * <li>{@link #BACKWARD} (default): the new schema can read data written with the old one. Every record valid
 * under the old schema must stay valid under the new: nothing may be narrowed or tightened, a newly required
 * property needs a {@code default}, and a property may only be dropped if the new schema does not forbid
 * additional properties. Adding an optional property is compatible (old records simply lack it).</li>
 * <li>{@link #FORWARD}: data written with the new schema can be read by readers of the old one. Every record
 * valid under the new schema must be valid under the old: nothing may be widened, every property the old schema
 * declares must still be declared (readers of the old version rely on it), and what the old schema required
 * must stay required.</li>
 * <li>{@link #FULL}: both.</li>
 * <li>{@link #NONE}: no schema check (subscriptions are still protected: a version that breaks a subscription's
 * mapping is refused in every mode).</li>
 * </ul>
 * In every mode but NONE the entity key must not change: it is the identity of every stored record.
 * Properties a schema does not declare are taken as not written: records carry the declared properties only.
 */
public enum Compatibility {
    BACKWARD, FORWARD, FULL, NONE;

    boolean checksBackward() {
        return this == BACKWARD || this == FULL;
    }

    boolean checksForward() {
        return this == FORWARD || this == FULL;
    }
}
