package io.fillonce.registry.codetable;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/registry/code-tables")
class CodeTableController {

    private final CodeTables codeTables;

    CodeTableController(CodeTables codeTables) {
        this.codeTables = codeTables;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CodeTableView create(@RequestBody CodeTableRequest request) {
        return codeTables.create(request);
    }

    @PutMapping("/{name}")
    CodeTableView change(@PathVariable String name, @RequestBody CodeTableRequest request) {
        return codeTables.change(name, request);
    }

    @GetMapping
    List<CodeTableView> list() {
        return codeTables.list();
    }

    @GetMapping("/{name}")
    CodeTableView get(@PathVariable String name) {
        return codeTables.get(name);
    }
}
