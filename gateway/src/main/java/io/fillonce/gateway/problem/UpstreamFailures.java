package io.fillonce.gateway.problem;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Names what went wrong on the way to a service: the client's body outgrew its limit (413), not reachable (503), too
 * slow (504), or broke (502).
 */
final class UpstreamFailures {

    private UpstreamFailures() {
    }

    static ProblemType classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException) {
                return ProblemType.PAYLOAD_TOO_LARGE;
            }
            if (isTimeout(cause)) {
                return ProblemType.UPSTREAM_TIMEOUT;
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException || cause instanceof CallNotPermittedException) {
                return ProblemType.UPSTREAM_UNAVAILABLE;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return ProblemType.BAD_GATEWAY;
    }

    static String describe(ProblemType type) {
        return switch (type) {
            case UPSTREAM_TIMEOUT -> "The service behind this path did not answer in time. The request may or may "
                    + "not have been processed; check before repeating a non-idempotent request.";
            case UPSTREAM_UNAVAILABLE -> "The service behind this path cannot be reached right now. Try again later.";
            case PAYLOAD_TOO_LARGE -> "The request body is larger than this path accepts.";
            default -> "The service behind this path failed to give a complete answer.";
        };
    }

    private static boolean isTimeout(Throwable cause) {
        return cause instanceof TimeoutException || cause instanceof ReadTimeoutException
                || (cause instanceof ResponseStatusException status
                        && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value());
    }
}
