package io.fillonce.sync.flow;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What ops watch, for OPS and ADMIN: every flow with its deliveries, failures and lag; the open alerts. */
@RestController
@RequestMapping("/api/ops")
class FlowController {

    private final Flows flows;
    private final AlertWatch alerts;

    FlowController(Flows flows, AlertWatch alerts) {
        this.flows = flows;
        this.alerts = alerts;
    }

    @GetMapping("/flows")
    FlowsView flows() {
        return flows.view();
    }

    @GetMapping("/alerts")
    AlertsView alerts() {
        return alerts.view();
    }
}
