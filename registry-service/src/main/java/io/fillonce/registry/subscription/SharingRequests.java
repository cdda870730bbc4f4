package io.fillonce.registry.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import io.fillonce.identity.VerifiedCaller;
import io.fillonce.registry.recordtype.RecordTypeOwners;
import io.fillonce.registry.system.Clocks;
import io.fillonce.registry.system.Forbidden;
import io.fillonce.registry.system.Pages;
import io.fillonce.web.Conflict;
import io.fillonce.web.FieldProblem;
import io.fillonce.web.InvalidInput;
import io.fillonce.web.NotFound;
import io.fillonce.web.Page;
import io.fillonce.web.Paging;

/**
 * Departments ask for data, owners decide. A department files a request for a new subscription or a change of one
 * of its own, checked as a subscription is at once (422 with every problem). The record type's owner approves it,
 * or the administrators where the type has no owning department (or the owner asks itself); a mapping that reads
 * SENSITIVE fields needs an administrator's approval too. When the last approval arrives the subscription is
 * created (then backfilled as any) or changed (re-synced if the department asked), each step of the request kept on
 * it; a single rejection ends the request. Only REQUESTED requests change; a concurrent decision loses on the
 * document's version (409).
 */
@Service
class SharingRequests {

    private final MongoTemplate mongo;
    private final Subscriptions subscriptions;
    private final SubscriptionRules rules;
    private final Catalogue catalogue;
    private final RecordTypeOwners owners;
    private final JsonMapper json;
    private final Clock clock;

    SharingRequests(MongoTemplate mongo, Subscriptions subscriptions, SubscriptionRules rules, Catalogue catalogue,
            RecordTypeOwners owners, JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.subscriptions = subscriptions;
        this.rules = rules;
        this.catalogue = catalogue;
        this.owners = owners;
        this.json = json;
        this.clock = clock;
    }

    /** The decisions a party can take on a request. */
    enum Decision {
        APPROVE("approved", "APPROVED"), REJECT("rejected", "REJECTED");

        private final String done;
        private final String verdict;

        Decision(String done, String verdict) {
            this.done = done;
            this.verdict = verdict;
        }
    }

    SharingRequestView file(SharingRequestBody body, VerifiedCaller caller) {
        if (!caller.hasRole(VerifiedCaller.DEPARTMENT) || caller.department() == null) {
            throw new Forbidden("only a department files sharing requests, for itself; an administrator "
                    + "subscribes a department directly (POST /api/registry/subscriptions)");
        }
        SubscriptionRequest request = body.forDepartment(caller.department());
        SharingRequestDocument document = new SharingRequestDocument();
        if (body.subscription() == null) {
            List<FieldProblem> problems = rules.check(request);
            if (!problems.isEmpty()) {
                throw new InvalidInput("The request is invalid", problems);
            }
            document.setSubscription(Subscriptions.newId());
        }
        else {
            SubscriptionDocument current = ownSubscription(body.subscription(), caller);
            subscriptions.checkChange(current, request);
            refuseSecondOpenChange(current.getId());
            document.setSubscription(current.getId());
            document.setChangesVersion(current.getVersion());
        }
        Instant now = Clocks.millis(clock);
        document.setId(newId(now));
        document.setDepartment(caller.department());
        document.setRequestedBy(caller.principal());
        document.setRecordType(request.recordType());
        document.setProposal(json.writeValueAsString(request));
        document.setResync(document.getChangesVersion() != null && Boolean.TRUE.equals(body.resync()));
        String owner = owners.ownerOf(request.recordType()).filter(code -> !code.equals(caller.department()))
                .orElse(null);
        document.setOwner(owner);
        Map<String, String> sensitivity = catalogue.sensitivityOf(request.recordType());
        Set<String> sensitive = new LinkedHashSet<>(SensitiveFieldRule.sensitiveReads(request.fields(), sensitivity));
        sensitive.addAll(SensitiveFieldRule.sensitiveFilterReads(request.filter(), sensitivity));
        document.setSensitiveReads(List.copyOf(sensitive));
        List<Approval> approvals = new ArrayList<>();
        approvals.add(new Approval(Approval.OWNER, owner, null, null, null, null));
        if (owner != null && !document.getSensitiveReads().isEmpty()) {
            approvals.add(new Approval(Approval.ADMIN, null, null, null, null, null));
        }
        document.setApprovals(approvals);
        document.setCreatedAt(now);
        document.step(new LifecycleStep("requested", caller.principal(), now, document.getChangesVersion() == null
                ? "a new subscription" : "version " + (document.getChangesVersion() + 1) + " of "
                + document.getSubscription() + (document.isResync() ? ", re-synced" : ""), document.getId()), now);
        return view(mongo.insert(document));
    }

    /**
     * The caller's decision on every pending approval it may take (an administrator can take several at once);
     * 403 when it may take none, 404 when the request is none of its business.
     */
    SharingRequestView decide(String id, Decision decision, LifecycleRequest body, VerifiedCaller caller) {
        String reason = SubscriptionLifecycle.reasonOf(body);
        SharingRequestDocument document = visible(id, caller);
        if (decision == Decision.APPROVE && document.getStatus() == SharingRequestStatus.APPROVED
                && document.getApprovals().stream().anyMatch(approval -> approval.decidedBy(caller))) {
            apply(document, caller); // an approval whose subscription a crash left unmade: made now (or found made)
            return view(document);
        }
        requireOpen(document);
        Instant now = Clocks.millis(clock);
        boolean took = false;
        List<Approval> approvals = new ArrayList<>();
        for (Approval approval : document.getApprovals()) {
            boolean takes = approval.pending() && approval.decidedBy(caller);
            approvals.add(takes ? approval.decided(decision.verdict, caller, now, reason) : approval);
            took |= takes;
        }
        if (!took) {
            throw new Forbidden(caller.principal() + " has no approval to give on " + id + ": it waits for "
                    + approvals.stream().filter(Approval::pending).map(SharingRequests::party).toList());
        }
        document.setApprovals(approvals);
        document.step(new LifecycleStep(decision.done, caller.principal(), now, reason, id), now);
        if (decision == Decision.REJECT) {
            document.setStatus(SharingRequestStatus.REJECTED);
        }
        else if (approvals.stream().noneMatch(Approval::pending)) {
            preflight(document);
            document.setStatus(SharingRequestStatus.APPROVED);
            SharingRequestDocument approved = mongo.save(document); // wins over a concurrent withdraw or reject
            apply(approved, caller);
            return view(approved);
        }
        return view(mongo.save(document));
    }

    SharingRequestView withdraw(String id, LifecycleRequest body, VerifiedCaller caller) {
        String reason = SubscriptionLifecycle.reasonOf(body);
        SharingRequestDocument document = visible(id, caller);
        if (!document.getDepartment().equals(caller.department())) {
            throw new Forbidden("only department " + document.getDepartment() + " withdraws its request " + id);
        }
        requireOpen(document);
        Instant now = Clocks.millis(clock);
        document.setStatus(SharingRequestStatus.WITHDRAWN);
        document.step(new LifecycleStep("withdrawn", caller.principal(), now, reason, id), now);
        return view(mongo.save(document));
    }

    /** An administrator's view: every request; a department's: those it filed and those it must decide. */
    Page<SharingRequestView> list(SharingRequestStatus status, VerifiedCaller caller, Paging paging) {
        Query query = new Query();
        if (!caller.isAdmin()) {
            query.addCriteria(new Criteria().orOperator(Criteria.where("department").is(caller.department()),
                    Criteria.where("owner").is(caller.department())));
        }
        if (status != null) {
            query.addCriteria(Criteria.where("status").is(status));
        }
        return Pages.find(paging, mongo, query, SharingRequestDocument.class, this::view);
    }

    SharingRequestView get(String id, VerifiedCaller caller) {
        return view(visible(id, caller));
    }

    /**
     * Creates or changes the subscription, once the approval is stored; an approval retried after a crash finds
     * the subscription already carrying this request's steps and leaves it as it is.
     */
    private void apply(SharingRequestDocument document, VerifiedCaller caller) {
        SubscriptionRequest request = proposal(document);
        List<LifecycleStep> steps = document.getSteps();
        if (document.getChangesVersion() == null) {
            if (!subscriptions.exists(document.getSubscription())) {
                subscriptions.subscribe(document.getSubscription(), request, steps, caller.principal());
            }
            return;
        }
        SubscriptionDocument current = subscriptions.load(document.getSubscription());
        if (!madeBy(current, document)) {
            subscriptions.change(current, request, document.isResync(), steps, caller.principal());
        }
    }

    /**
     * Whether the request can still be applied as filed, before its approval is stored: a new subscription passes
     * the checks of one, a change finds its subscription at the version it was filed against (409 or 422 otherwise,
     * and the request stays open for a rejection).
     */
    private void preflight(SharingRequestDocument document) {
        SubscriptionRequest request = proposal(document);
        if (document.getChangesVersion() == null) {
            List<FieldProblem> problems = rules.check(request);
            if (!problems.isEmpty()) {
                throw new InvalidInput("The request no longer passes the checks of a subscription", problems);
            }
            return;
        }
        SubscriptionDocument current = subscriptions.load(document.getSubscription());
        if (madeBy(current, document)) {
            return;
        }
        if (current.getVersion() != document.getChangesVersion()) {
            throw new Conflict("subscription " + current.getId() + " is at version " + current.getVersion()
                    + " now, not " + document.getChangesVersion() + " as when " + document.getId() + " was filed: "
                    + "reject it, and the department files its change anew");
        }
        subscriptions.checkChange(current, request);
    }

    private static boolean madeBy(SubscriptionDocument subscription, SharingRequestDocument request) {
        return subscription.getSteps().stream().anyMatch(step -> request.getId().equals(step.request()));
    }

    private SubscriptionRequest proposal(SharingRequestDocument document) {
        return json.readValue(document.getProposal(), SubscriptionRequest.class);
    }

    private SubscriptionDocument ownSubscription(String id, VerifiedCaller caller) {
        SubscriptionDocument current = mongo.findById(id, SubscriptionDocument.class);
        if (current == null || !current.getDepartment().equals(caller.department())) {
            throw new InvalidInput("The request is invalid", List.of(new FieldProblem("/subscription", "exists",
                    "department " + caller.department() + " has no subscription '" + id + "'")));
        }
        return current;
    }

    private void refuseSecondOpenChange(String subscription) {
        SharingRequestDocument open = mongo.findOne(Query.query(Criteria.where("subscription").is(subscription)
                .and("status").is(SharingRequestStatus.REQUESTED)), SharingRequestDocument.class);
        if (open != null) {
            throw new Conflict("request " + open.getId() + " to change " + subscription + " is still open: wait for "
                    + "its decision or withdraw it");
        }
    }

    /** The request, when the caller filed it, decides it or is an administrator; otherwise 404. */
    private SharingRequestDocument visible(String id, VerifiedCaller caller) {
        SharingRequestDocument document = mongo.findById(id, SharingRequestDocument.class);
        boolean concerned = document != null && (caller.isAdmin() || caller.department() != null
                && (caller.department().equals(document.getDepartment())
                        || caller.department().equals(document.getOwner())));
        if (!concerned) {
            throw new NotFound("sharing request", id);
        }
        return document;
    }

    private static void requireOpen(SharingRequestDocument document) {
        if (document.getStatus() != SharingRequestStatus.REQUESTED) {
            throw new Conflict("request " + document.getId() + " is " + document.getStatus()
                    + "; only a REQUESTED one can be decided or withdrawn");
        }
    }

    private static String party(Approval approval) {
        return approval.department() == null ? "an administrator" : "department " + approval.department();
    }

    private SharingRequestView view(SharingRequestDocument document) {
        JsonNode proposal = json.readTree(document.getProposal());
        return new SharingRequestView(document.getId(), document.getStatus(), document.getDepartment(),
                document.getRequestedBy(), document.getRecordType(), document.getSubscription(),
                document.getChangesVersion(), document.isResync(), proposal, document.getSensitiveReads(),
                document.getApprovals(), document.getSteps(), document.getCreatedAt(), document.getUpdatedAt());
    }

    /** "req-", the filing time in base 36 (so ids sort by filing), and 6 random characters. */
    private static String newId(Instant now) {
        return "req-" + Long.toString(now.toEpochMilli(), 36) + "-" + Subscriptions.randomChars(6);
    }
}
