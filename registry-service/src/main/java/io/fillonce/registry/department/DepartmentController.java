package io.fillonce.registry.department;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/registry/departments")
class DepartmentController {

    private final Departments departments;

    DepartmentController(Departments departments) {
        this.departments = departments;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    DepartmentCreated register(@RequestBody DepartmentRequest request) {
        return departments.register(request);
    }

    @GetMapping
    List<DepartmentView> list() {
        return departments.list();
    }

    @GetMapping("/{code}")
    DepartmentView get(@PathVariable String code) {
        return departments.get(code);
    }
}
