package io.fillonce.registry.recordtype;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mapstruct.Mapper;

import io.fillonce.registry.recordtype.RecordTypeDocument.FieldSensitivity;
import io.fillonce.registry.system.JsonText;

@Mapper(uses = JsonText.class)
interface RecordTypeMapper {

    RecordTypeView toView(String name, Compatibility compatibility, String owner, RecordTypeDocument.Version current);

    default RecordTypeView toView(RecordTypeDocument document) {
        return toView(document.getId(), document.getCompatibility(), document.getOwner(), document.current());
    }

    RecordTypeDocument.Version toVersion(RecordTypeRequest request, int version, Instant createdAt);

    /** Only called on validated requests: every level is a {@link Sensitivity} name. */
    default List<FieldSensitivity> toFieldSensitivities(Map<String, String> sensitivity) {
        if (sensitivity == null) {
            return List.of();
        }
        return sensitivity.entrySet().stream()
                .map(entry -> new FieldSensitivity(entry.getKey(), Sensitivity.valueOf(entry.getValue())))
                .toList();
    }

    default Map<String, Sensitivity> toSensitivityMap(List<FieldSensitivity> sensitivity) {
        Map<String, Sensitivity> map = new LinkedHashMap<>();
        sensitivity.forEach(each -> map.put(each.field(), each.level()));
        return map;
    }
}
