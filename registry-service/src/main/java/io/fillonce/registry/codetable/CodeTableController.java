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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.fillonce.registry.system.PageOf;
import io.fillonce.registry.system.Paging;

@Tag(name = "Code tables", description = "Versioned value crosswalks")
@RestController
@RequestMapping("/api/registry/code-tables")
class CodeTableController {

    private static final String PRINCIPAL = "X-Fillonce-Principal";

    private final CodeTables codeTables;

    CodeTableController(CodeTables codeTables) {
        this.codeTables = codeTables;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CodeTableView create(@RequestBody CodeTableRequest request, @RequestHeader(PRINCIPAL) String principal) {
        return codeTables.create(request, principal);
    }

    @Operation(summary = "New version; 409 when a code a subscription uses is removed or changed")
    @PutMapping("/{name}")
    CodeTableView change(@PathVariable String name, @RequestBody CodeTableRequest request,
            @RequestHeader(PRINCIPAL) String principal) {
        return codeTables.change(name, request, principal);
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
    PageOf<CodeTableView> list(@Parameter(description = "name prefix") @RequestParam(required = false) String name,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return codeTables.list(name, Paging.of(page, size));
    }

    @GetMapping("/{name}")
    CodeTableView get(@PathVariable String name) {
        return codeTables.get(name);
    }
}
