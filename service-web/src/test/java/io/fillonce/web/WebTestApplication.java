package io.fillonce.web;

import java.util.List;
import java.util.stream.IntStream;

import io.fillonce.identity.IdentityConfiguration;
import io.fillonce.identity.VerifiedCaller;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A servlet service as the services are: the identity filter and the web conventions imported, one controller. */
@SpringBootApplication
@Import({IdentityConfiguration.class, WebConventions.class})
class WebTestApplication {

    /** Under the role table's {@code /api/registry/**} rule (ADMIN only). */
    static final String THINGS = "/api/registry/things";

    /** Five things, t-1 to t-5, listed by the one paging convention. */
    @RestController
    static class Things {

        private static final List<String> ALL = IntStream.rangeClosed(1, 5).mapToObj(i -> "t-" + i).toList();

        @GetMapping(THINGS)
        Page<String> list(Paging paging) {
            List<String> after = ALL.stream().filter(id -> paging.fromStart() || id.compareTo(paging.after()) > 0)
                    .limit(paging.limit() + 1L).toList();
            return Page.of(after, paging, id -> id);
        }

        @PostMapping(path = THINGS, consumes = MediaType.APPLICATION_JSON_VALUE)
        Thing create(@RequestBody Thing thing, VerifiedCaller caller) {
            return new Thing(thing.name() + " by " + caller.principal(), thing.count());
        }

        @GetMapping(THINGS + "/count")
        int count(@RequestParam int atLeast) {
            return atLeast;
        }

        @GetMapping(THINGS + "/stored")
        String stored() {
            throw new DataAccessResourceFailureException("connection refused");
        }
    }

    record Thing(String name, int count) {
    }
}
