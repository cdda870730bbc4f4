package io.fillonce.registry.cadre;

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

import io.fillonce.web.Page;
import io.fillonce.web.Paging;

@Tag(name = "Cadres", description = "Cadre principals bound to a region")
@RestController
@RequestMapping("/api/registry/cadres")
class CadreController {

    private final Cadres cadres;

    CadreController(Cadres cadres) {
        this.cadres = cadres;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CadreCreated register(@RequestBody CadreRequest request) {
        return cadres.register(request);
    }

    @Operation(summary = "Cadres by principal id; filter by region code prefix (e.g. 3706 for a city)")
    @GetMapping
    Page<CadreView> list(@Parameter(description = "region code prefix") @RequestParam(required = false)
            String regionCode, Paging paging) {
        return cadres.list(regionCode, paging);
    }

    @GetMapping("/{id}")
    CadreView get(@PathVariable String id) {
        return cadres.get(id);
    }
}
