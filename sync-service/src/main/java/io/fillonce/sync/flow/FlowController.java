package io.fillonce.sync.flow;

import java.util.Set;

import io.fillonce.sync.system.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What ops watch, for OPS and ADMIN: every flow with its deliveries, failures and lag; the open alerts. */
@RestController
@RequestMapping("/api/ops")
class FlowController {

    private static final Set<String> OPERATORS = Set.of("OPS", "ADMIN");

    private final Flows flows;
    private final AlertWatch alerts;

    FlowController(Flows flows, AlertWatch alerts) {
        this.flows = flows;
        this.alerts = alerts;
    }

    @GetMapping("/flows")
    FlowsView flows(@RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller.of(principal, role, null).requireRole(OPERATORS);
        return flows.view();
    }

    @GetMapping("/alerts")
    AlertsView alerts(@RequestHeader(name = "X-Fillonce-Principal", required = false) String principal,
            @RequestHeader(name = "X-Fillonce-Role", required = false) String role) {
        Caller.of(principal, role, null).requireRole(OPERATORS);
        return alerts.view();
    }
}
