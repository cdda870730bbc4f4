package io.fillonce.registry.department;

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

import io.fillonce.registry.kafka.DepartmentKafkaCredentials;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

@Tag(name = "Departments", description = "Departments, their API keys, webhooks and Kafka credentials")
@RestController
@RequestMapping("/api/registry/departments")
class DepartmentController {

    private final Departments departments;
    private final Webhooks webhooks;

    DepartmentController(Departments departments, Webhooks webhooks) {
        this.departments = departments;
        this.webhooks = webhooks;
    }

    @Operation(summary = "Register a department; answers its API key and webhook secret once")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    DepartmentCreated register(@RequestBody DepartmentRequest request) {
        return departments.register(request);
    }

    @Operation(summary = "Change name and webhook URL; a newly added webhook's secret is answered once")
    @PutMapping("/{code}")
    DepartmentView change(@PathVariable String code, @RequestBody DepartmentRequest request) {
        return departments.change(code, request);
    }

    @Operation(summary = "Departments by code; filter by code prefix")
    @GetMapping
    Page<DepartmentView> list(@Parameter(description = "code prefix") @RequestParam(required = false) String code,
            Paging paging) {
        return departments.list(code, paging);
    }

    @GetMapping("/{code}")
    DepartmentView get(@PathVariable String code) {
        return departments.get(code);
    }

    @Operation(summary = "New webhook signing secret, answered once; the previous one signs during the grace period")
    @PostMapping("/{code}/webhook-secret/rotate")
    WebhookView rotateSecret(@PathVariable String code) {
        return webhooks.rotate(code);
    }

    @Operation(summary = "New Kafka credentials for the department's own consumers, answered once; the old password "
            + "stops working")
    @PostMapping("/{code}/kafka-credentials/rotate")
    DepartmentKafkaCredentials rotateKafkaCredentials(@PathVariable String code) {
        return departments.rotateKafkaCredentials(code);
    }

    @PostMapping("/{code}/webhook/enable")
    DepartmentView enable(@PathVariable String code) {
        return webhooks.switchTo(code, true);
    }

    @PostMapping("/{code}/webhook/disable")
    DepartmentView disable(@PathVariable String code) {
        return webhooks.switchTo(code, false);
    }
}
