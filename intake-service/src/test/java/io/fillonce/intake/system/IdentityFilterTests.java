package io.fillonce.intake.system;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fillonce.identity.TestCallers;
import io.fillonce.intake.record.RecordCounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * This service runs service-identity's filter (the token rules are tested there) and answers its refusals as this
 * service's 401 problem.
 */
@WebMvcTest(controllers = IdentityFilterTests.Echo.class)
@Import(IdentityFilterTests.Echo.class)
class IdentityFilterTests {

    /** Under a rule of the shared role table that lets department veterans in (contracts/access-rules.yaml). */
    private static final String ECHO = "/api/feeds/veterans/identity-echo";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private RecordCounts counts;

    @Test
    void refusesARequestWithoutATokenAsAProblem() throws Exception {
        mvc.perform(get(ECHO).header("X-Fillonce-Principal", "admin:bootstrap").header("X-Fillonce-Role", "ADMIN"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value(containsString("no X-Fillonce-Identity")));
    }

    @Test
    void letsTheTokensCallerThrough() throws Exception {
        mvc.perform(get(ECHO).headers(TestCallers.http(TestCallers.department("veterans"))))
                .andExpect(status().isOk())
                .andExpect(content().string("department:veterans DEPARTMENT"));
    }

    /** Shows which identity a controller sees. */
    @RestController
    static class Echo {

        @GetMapping(ECHO)
        String echo(@RequestHeader("X-Fillonce-Principal") String principal,
                @RequestHeader("X-Fillonce-Role") String role) {
            return principal + " " + role;
        }
    }
}
