package io.fillonce.sync.backfill;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.sync.registry.RegistryView;
import io.fillonce.sync.registry.Subscription;
import io.fillonce.web.FieldProblem;
import io.fillonce.web.InvalidInput;
import io.fillonce.web.NotFound;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Backfills and re-syncs for OPS and ADMIN: start one for a subscription (202, Location of the job), and follow
 * its progress while it runs. A backfill sends the subscription's department the current version of every entity
 * its filter matches, under the original event ids; a re-sync sends them again, mapped anew, under derived ids; an
 * impact count sends nothing and counts what a proposed code-table change would change.
 */
@RestController
class BackfillController {

    private static final String BODY = "The request body is invalid";

    private static final String JOBS = "/api/ops/backfills";

    private final Backfills backfills;
    private final BackfillJobs jobs;
    private final RegistryView registry;
    private final BackfillMapper mapper;

    BackfillController(Backfills backfills, BackfillJobs jobs, RegistryView registry, BackfillMapper mapper) {
        this.backfills = backfills;
        this.jobs = jobs;
        this.registry = registry;
        this.mapper = mapper;
    }

    @PostMapping("/api/ops/subscriptions/{id}/backfill")
    ResponseEntity<Backfill> backfill(@PathVariable String id,
            VerifiedCaller caller) {
        return start(id, JobKind.BACKFILL, caller);
    }

    @PostMapping("/api/ops/subscriptions/{id}/resync")
    ResponseEntity<Backfill> resync(@PathVariable String id,
            VerifiedCaller caller) {
        return start(id, JobKind.RESYNC, caller);
    }

    /**
     * How many messages a code-table change would change, before it is made: one IMPACT job per subscription (not
     * ended) that reads the table, each counting (sending nothing) the entities its filter takes whose message would
     * differ under the proposed entries ({@code affected} at {@code /api/ops/backfills/{id}} when DONE).
     */
    @PostMapping("/api/ops/code-tables/{name}/impact")
    ResponseEntity<ImpactJobs> impact(@PathVariable String name, @RequestBody JsonNode body,
            VerifiedCaller caller) {
        ProposedCodeTable proposed = ProposedCodeTable.of(name, entries(body));
        if (registry.find(name).isEmpty()) {
            throw new NotFound("There is no code table " + name);
        }
        List<Backfill> started = registry.subscriptions().stream()
                .filter(subscription -> !subscription.ended() && subscription.fields().readsCodeTable(name))
                .map(subscription -> mapper.backfill(backfills.startImpact(subscription, proposed, caller.principal())))
                .toList();
        return ResponseEntity.status(started.isEmpty() ? 200 : 202).body(new ImpactJobs(name, started));
    }

    /** The IMPACT jobs a proposed code-table change started, one per subscription that reads the table. */
    record ImpactJobs(String codeTable, List<Backfill> jobs) {
    }

    private static Map<String, String> entries(JsonNode body) {
        JsonNode entries = body == null ? null : body.get("entries");
        if (entries == null || !entries.isObject() || entries.isEmpty()) {
            throw InvalidInput.of(BODY, "/entries", "type",
                    "entries must be the proposed table: an object of canonical "
                    + "code to department code, e.g. {\"F\": \"2\", \"M\": \"1\"}");
        }
        Map<String, String> codes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : entries.properties()) {
            if (!entry.getValue().isString()) {
                throw InvalidInput.of(BODY, FieldProblem.child("/entries", entry.getKey()), "type",
                        "each department code must be a string");
            }
            codes.put(entry.getKey(), entry.getValue().stringValue());
        }
        return codes;
    }

    @GetMapping(JOBS + "/{id}")
    Backfill show(@PathVariable String id) {
        return mapper.backfill(jobs.find(id).orElseThrow(() -> new NotFound("There is no backfill job " + id)));
    }

    @GetMapping(JOBS)
    Page<Backfill> list(@RequestParam(required = false) String subscription, Paging paging) {
        return Page.of(jobs.page(subscription, paging.after(), paging.fetchLimit()), paging, BackfillJob::id)
                .map(mapper::backfill);
    }

    private ResponseEntity<Backfill> start(String id, JobKind kind, VerifiedCaller caller) {
        Subscription subscription = registry.subscription(id).orElseThrow(() -> new NotFound("There is no "
                + "subscription " + id + " (a new one is known here within a second or two of its registration)."));
        Backfill job = mapper.backfill(backfills.start(subscription, kind, caller.principal()));
        return ResponseEntity.accepted().location(URI.create(JOBS + "/" + job.id())).body(job);
    }
}
