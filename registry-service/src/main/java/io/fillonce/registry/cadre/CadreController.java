package io.fillonce.registry.cadre;

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

    @GetMapping
    List<CadreView> list() {
        return cadres.list();
    }

    @GetMapping("/{id}")
    CadreView get(@PathVariable String id) {
        return cadres.get(id);
    }
}
