package io.fillonce.intake.record;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.intake.registry.RecordType;
import tools.jackson.databind.JsonNode;

/**
 * The object-level rule for cadres (docs/conventions.md "Cadres and regions"): in a regional record type (one that
 * names a {@code regionField}) a cadre submits only records whose region code starts with the cadre's own, and reads
 * and corrects only such entities, unless the type allows cross-region correction. Everyone else, and every type
 * without a region field, is not bound. A cadre without a region code is bound to nothing, so touches no regional
 * entity.
 */
final class RegionRule {

    private RegionRule() {
    }

    /** May the caller submit {@code record} (as a new entity or a new version)? */
    static boolean maySubmit(VerifiedCaller caller, RecordType type, JsonNode record) {
        return !binds(caller, type) || within(caller, type, record);
    }

    /** May the caller read and correct the entity whose current record is {@code current}? */
    static boolean mayCorrect(VerifiedCaller caller, RecordType type, JsonNode current) {
        return !binds(caller, type) || type.crossRegionCorrection() || within(caller, type, current);
    }

    /** The refusal of a record outside the caller's region; never repeats the record's value. */
    static OutsideRegion outside(VerifiedCaller caller, RecordType type) {
        return new OutsideRegion(type, caller.region());
    }

    /** Whether the rule binds this caller for this type at all; when not, no record needs to be looked at. */
    static boolean binds(VerifiedCaller caller, RecordType type) {
        return type.regionField() != null && caller.hasRole(VerifiedCaller.CADRE);
    }

    private static boolean within(VerifiedCaller caller, RecordType type, JsonNode record) {
        JsonNode region = record.path(type.regionField());
        return caller.region() != null && !caller.region().isBlank() && region.isString()
                && region.asString().startsWith(caller.region());
    }
}
