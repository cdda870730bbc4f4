package io.fillonce.registry.principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.fillonce.web.InvalidInput;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

/** Principal ids in paths are full ids such as {@code department:civil-affairs} or {@code ops:li-ming}. */
@Tag(name = "Principals", description = "API keys: admin and ops principals, rotation and revocation")
@RestController
@RequestMapping("/api/registry/principals")
class PrincipalController {

    private final Principals principals;
    private final PrincipalMapper mapper;

    PrincipalController(Principals principals, PrincipalMapper mapper) {
        this.principals = principals;
        this.mapper = mapper;
    }

    @Operation(summary = "Create an ADMIN or OPS principal; answers its API key once")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PrincipalCreated create(@RequestBody PrincipalRequest request) {
        var problems = PrincipalRules.check(request);
        if (!problems.isEmpty()) {
            throw new InvalidInput("The principal is invalid", problems);
        }
        Role role = Role.valueOf(request.role());
        String name = request.name().strip();
        Principals.IssuedKey key = principals.create(new NewPrincipal(role, request.id(), name, null, null));
        return new PrincipalCreated(key.principal(), role, name, key.apiKey());
    }

    @Operation(summary = "Principals by id; filter by role and id prefix")
    @GetMapping
    Page<PrincipalView> list(@RequestParam(required = false) Role role,
            @Parameter(description = "id prefix, e.g. department:") @RequestParam(required = false) String id,
            Paging paging) {
        return principals.list(role, id, paging).map(mapper::toView);
    }

    @GetMapping("/{id}")
    PrincipalView get(@PathVariable String id) {
        return mapper.toView(principals.load(id));
    }

    @Operation(summary = "New API key, answered once; the old one stops working as soon as the gateway sees the change")
    @PostMapping("/{id}/rotate-key")
    PrincipalCreated rotateKey(@PathVariable String id) {
        Principals.IssuedKey key = principals.rotateKey(id);
        PrincipalDocument document = principals.load(id);
        return new PrincipalCreated(key.principal(), document.getRole(), document.getName(), key.apiKey());
    }

    @Operation(summary = "Deactivate the principal (its key no longer authenticates)")
    @PostMapping("/{id}/revoke")
    PrincipalView revoke(@PathVariable String id) {
        return mapper.toView(principals.revoke(id));
    }
}
