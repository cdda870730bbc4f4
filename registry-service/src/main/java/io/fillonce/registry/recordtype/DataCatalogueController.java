package io.fillonce.registry.recordtype;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fillonce.web.Page;
import io.fillonce.web.Paging;

@Tag(name = "Data catalogue", description = "What departments may ask for: record types and their fields, never data")
@RestController
class DataCatalogueController {

    private final DataCatalogue catalogue;

    DataCatalogueController(DataCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Operation(summary = "Every record type's fields with titles, descriptions, types and sensitivity, and who "
            + "approves requests for it; open to departments and admins")
    @GetMapping("/api/registry/catalogue")
    Page<CatalogueEntry> list(@Parameter(description = "name prefix") @RequestParam(required = false) String name,
            Paging paging) {
        return catalogue.list(name, paging);
    }
}
