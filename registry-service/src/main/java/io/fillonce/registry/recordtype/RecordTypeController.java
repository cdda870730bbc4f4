package io.fillonce.registry.recordtype;

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
@RequestMapping("/api/registry/record-types")
class RecordTypeController {

    private final RecordTypes recordTypes;

    RecordTypeController(RecordTypes recordTypes) {
        this.recordTypes = recordTypes;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RecordTypeView register(@RequestBody RecordTypeRequest request) {
        return recordTypes.register(request);
    }

    @PutMapping("/{name}")
    RecordTypeView evolve(@PathVariable String name, @RequestBody RecordTypeRequest request) {
        return recordTypes.evolve(name, request);
    }

    @GetMapping
    List<RecordTypeView> list() {
        return recordTypes.list();
    }

    @GetMapping("/{name}")
    RecordTypeView current(@PathVariable String name) {
        return recordTypes.current(name);
    }

    @GetMapping("/{name}/versions/{version}")
    RecordTypeView version(@PathVariable String name, @PathVariable int version) {
        return recordTypes.version(name, version);
    }
}
