package io.fillonce.registry.cadre;

import org.springframework.stereotype.Service;

import io.fillonce.registry.principal.NewPrincipal;
import io.fillonce.registry.principal.Principals;
import io.fillonce.registry.principal.Role;
import io.fillonce.web.InvalidInput;
import io.fillonce.web.NotFound;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

/** A cadre is a CADRE principal bound to a region; the principal is all there is to store. */
@Service
class Cadres {

    private final Principals principals;
    private final CadreMapper mapper;

    Cadres(Principals principals, CadreMapper mapper) {
        this.principals = principals;
        this.mapper = mapper;
    }

    CadreCreated register(CadreRequest request) {
        var problems = CadreRules.check(request);
        if (!problems.isEmpty()) {
            throw new InvalidInput("The cadre is invalid", problems);
        }
        String name = request.name().strip();
        Principals.IssuedKey key = principals.create(
                new NewPrincipal(Role.CADRE, request.id(), name, null, request.regionCode()));
        return new CadreCreated(request.id(), name, request.regionCode(), key.principal(), key.apiKey());
    }

    Page<CadreView> list(String regionPrefix, Paging paging) {
        return principals.listByRegion(Role.CADRE, regionPrefix, paging).map(mapper::toView);
    }

    CadreView get(String id) {
        return principals.find(CadreMapper.PREFIX + id)
                .map(mapper::toView)
                .orElseThrow(() -> new NotFound("cadre", id));
    }
}
