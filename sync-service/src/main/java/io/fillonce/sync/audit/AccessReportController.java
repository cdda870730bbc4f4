package io.fillonce.sync.audit;

import io.fillonce.identity.VerifiedCaller;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The data subject's report of an entity (CADRE of its region, or ADMIN): as JSON, or with {@code Accept: text/html}
 * as a page to print and hand to the resident. Routed here by the gateway from {@code /api/records/...}.
 */
@RestController
class AccessReportController {

    private static final String PATH = "/api/records/{type}/{entityKey}/access-report";

    private final AccessReports reports;

    AccessReportController(AccessReports reports) {
        this.reports = reports;
    }

    @Operation(summary = "Who received or read this entity's data: when, which fields, for what purpose, on what "
            + "legal basis (from the audit log)")
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    AccessReport report(@PathVariable String type, @PathVariable String entityKey, VerifiedCaller caller) {
        return reports.report(type, entityKey, caller);
    }

    @Operation(summary = "The same report as a printable page")
    @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String type, @PathVariable String entityKey, VerifiedCaller caller) {
        return AccessReportPage.render(report(type, entityKey, caller));
    }
}
