package io.fillonce.registry.recordtype;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.fillonce.web.Page;
import io.fillonce.web.Paging;

@Tag(name = "Record types", description = "Record schemas, their versions, compatibility and impact")
@RestController
@RequestMapping("/api/registry/record-types")
class RecordTypeController {

    private final RecordTypes recordTypes;
    private final RecordTypeOwners owners;
    private final Impacts impacts;

    RecordTypeController(RecordTypes recordTypes, RecordTypeOwners owners, Impacts impacts) {
        this.recordTypes = recordTypes;
        this.owners = owners;
        this.impacts = impacts;
    }

    @Operation(summary = "Register a record type (version 1); compatibility defaults to BACKWARD")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RecordTypeView register(@RequestBody RecordTypeRequest request) {
        return recordTypes.register(request);
    }

    @Operation(summary = "Add a version; 409 listing every incompatibility and every subscription field it breaks")
    @PutMapping("/{name}")
    RecordTypeView evolve(@PathVariable String name, @RequestBody RecordTypeRequest request) {
        return recordTypes.evolve(name, request);
    }

    @Operation(summary = "Name the department that owns the type's data and approves sharing requests for it "
            + "(null: the administrators)")
    @PutMapping("/{name}/owner")
    RecordTypeView assignOwner(@PathVariable String name, @RequestBody OwnerRequest request) {
        return owners.assign(name, request.owner());
    }

    @Operation(summary = "Current versions, by name; filter by name prefix")
    @GetMapping
    Page<RecordTypeView> list(@Parameter(description = "name prefix") @RequestParam(required = false) String name,
            Paging paging) {
        return recordTypes.list(name, paging);
    }

    @GetMapping("/{name}")
    RecordTypeView current(@PathVariable String name) {
        return recordTypes.current(name);
    }

    @GetMapping("/{name}/versions/{version}")
    RecordTypeView version(@PathVariable String name, @PathVariable int version) {
        return recordTypes.version(name, version);
    }

    @Operation(summary = "What removing and/or renaming properties would break, judged against the current version")
    @GetMapping("/{name}/impact")
    ImpactView impactOfEdits(@PathVariable String name,
            @Parameter(description = "record pointer to remove, e.g. /phone; repeatable")
            @RequestParam(required = false, defaultValue = "") List<String> remove,
            @Parameter(description = "/old:/new, e.g. /phone:/mobile; repeatable")
            @RequestParam(required = false, defaultValue = "") List<String> rename,
            @RequestParam(required = false) String compatibility) {
        return impacts.ofEdits(name, nonBlank(remove), nonBlank(rename), compatibility);
    }

    @Operation(summary = "What a proposed schema would break, judged against the current version")
    @PostMapping("/{name}/impact")
    ImpactView impactOfSchema(@PathVariable String name, @RequestBody ImpactRequest request) {
        return impacts.ofSchema(name, request);
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().filter(value -> !value.isBlank()).toList();
    }
}
