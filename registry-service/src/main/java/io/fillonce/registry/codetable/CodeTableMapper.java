package io.fillonce.registry.codetable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper
interface CodeTableMapper {

    @Mapping(target = "name", source = "id")
    CodeTableView toView(CodeTableDocument document);

    default List<CodeTableDocument.Entry> toEntries(Map<String, String> entries) {
        return entries.entrySet().stream()
                .map(entry -> new CodeTableDocument.Entry(entry.getKey(), entry.getValue()))
                .toList();
    }

    default Map<String, String> toEntryMap(List<CodeTableDocument.Entry> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        entries.forEach(entry -> map.put(entry.canonical(), entry.code()));
        return map;
    }
}
