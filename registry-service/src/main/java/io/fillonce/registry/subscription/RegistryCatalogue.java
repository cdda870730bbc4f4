package io.fillonce.registry.subscription;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.fillonce.registry.codetable.CodeTables;
import io.fillonce.registry.department.Departments;
import io.fillonce.registry.recordtype.RecordTypes;

@Component
class RegistryCatalogue implements Catalogue {

    private final Departments departments;
    private final RecordTypes recordTypes;
    private final CodeTables codeTables;

    RegistryCatalogue(Departments departments, RecordTypes recordTypes, CodeTables codeTables) {
        this.departments = departments;
        this.recordTypes = recordTypes;
        this.codeTables = codeTables;
    }

    @Override
    public boolean hasDepartment(String code) {
        return departments.exists(code);
    }

    @Override
    public Optional<JsonNode> schemaOf(String recordType) {
        return recordTypes.currentSchema(recordType);
    }

    @Override
    public Optional<Set<String>> codesOf(String codeTable) {
        return codeTables.canonicalCodes(codeTable);
    }

    @Override
    public boolean hasActiveWebhook(String department) {
        return departments.hasActiveWebhook(department);
    }

    @Override
    public Map<String, String> sensitivityOf(String recordType) {
        return recordTypes.currentSensitivity(recordType);
    }
}
