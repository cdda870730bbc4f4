package io.fillonce.registry.subscription;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;

import io.fillonce.registry.publishing.RegistryPublisher;
import io.fillonce.registry.system.Clocks;
import io.fillonce.web.Conflict;
import io.fillonce.web.FieldProblem;
import io.fillonce.web.InvalidInput;
import io.fillonce.web.NotFound;

/**
 * Suspends, resumes and ends subscriptions, each step with who, when and why kept on the subscription and published,
 * so sync-service acts on it: a suspended subscription's versions are held, a resumed one's delivered in order, an
 * ended one's department told once and nothing more. A step the status does not allow is a 409 naming the status;
 * a concurrent step loses on the document's version (409 too).
 */
@Service
class SubscriptionLifecycle {

    static final int MAX_REASON = 500;

    private final SubscriptionRepository repository;
    private final SubscriptionMapper mapper;
    private final RegistryPublisher publisher;
    private final TopicReadAccess topicRead;
    private final Clock clock;

    SubscriptionLifecycle(SubscriptionRepository repository, SubscriptionMapper mapper, RegistryPublisher publisher,
            TopicReadAccess topicRead, Clock clock) {
        this.repository = repository;
        this.mapper = mapper;
        this.publisher = publisher;
        this.topicRead = topicRead;
        this.clock = clock;
    }

    /** A step: its name, the statuses it may start from, the status it leads to. */
    enum Step {
        SUSPEND("suspended", Set.of(SubscriptionStatus.ACTIVE), SubscriptionStatus.SUSPENDED),
        RESUME("resumed", Set.of(SubscriptionStatus.SUSPENDED), SubscriptionStatus.ACTIVE),
        END("ended", Set.of(SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED), SubscriptionStatus.ENDED);

        private final String done;
        private final Set<SubscriptionStatus> from;
        private final SubscriptionStatus to;

        Step(String done, Set<SubscriptionStatus> from, SubscriptionStatus to) {
            this.done = done;
            this.from = from;
            this.to = to;
        }
    }

    SubscriptionView take(String id, Step step, LifecycleRequest request, String by) {
        String reason = reasonOf(request);
        SubscriptionDocument document = repository.findById(id).orElseThrow(() -> new NotFound("subscription", id));
        if (!step.from.contains(document.getStatus())) {
            throw new Conflict("subscription " + id + " is " + document.getStatus() + "; only a subscription that is "
                    + String.join(" or ", step.from.stream().map(Enum::name).sorted().toList()) + " can be "
                    + step.done);
        }
        document.step(step.to, new LifecycleStep(step.done, by, Clocks.millis(clock), reason, null));
        if (step == Step.END) {
            topicRead.ending(document);
        }
        document.changed(clock.instant());
        SubscriptionDocument saved = repository.save(document);
        publisher.publish(saved);
        return mapper.toView(saved);
    }

    /** The step's reason, stripped; 422 naming {@code /reason} when it is missing, blank or too long. */
    static String reasonOf(LifecycleRequest request) {
        String reason = request == null ? null : request.reason();
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new InvalidInput("The reason is missing", List.of(new FieldProblem("/reason", "required",
                    "say why, in 1 to " + MAX_REASON + " characters: the department reads it")));
        }
        return reason.strip();
    }
}
