package io.fillonce.registry.codetable;

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

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

@Tag(name = "Code tables", description = "Versioned value crosswalks")
@RestController
@RequestMapping("/api/registry/code-tables")
class CodeTableController {

    private final CodeTables codeTables;

    CodeTableController(CodeTables codeTables) {
        this.codeTables = codeTables;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CodeTableView create(@RequestBody CodeTableRequest request, VerifiedCaller caller) {
        return codeTables.create(request, caller.principal());
    }

    @Operation(summary = "New version; 409 when a code a subscription uses is removed or changed")
    @PutMapping("/{name}")
    CodeTableView change(@PathVariable String name, @RequestBody CodeTableRequest request,
            VerifiedCaller caller) {
        return codeTables.change(name, request, caller.principal());
    }

    @Operation(summary = "What a new version would change and which subscriptions it affects; nothing is stored")
    @PostMapping("/{name}/preview")
    CodeTablePreview preview(@PathVariable String name, @RequestBody CodeTableRequest request) {
        return codeTables.preview(name, request);
    }

    @Operation(summary = "What each version changed, who changed it and when; newest first")
    @GetMapping("/{name}/history")
    List<CodeTableChange> history(@PathVariable String name) {
        return codeTables.history(name);
    }

    @Operation(summary = "Code tables by name; filter by name prefix")
    @GetMapping
    Page<CodeTableView> list(@Parameter(description = "name prefix") @RequestParam(required = false) String name,
            Paging paging) {
        return codeTables.list(name, paging);
    }

    @GetMapping("/{name}")
    CodeTableView get(@PathVariable String name) {
        return codeTables.get(name);
    }
}
