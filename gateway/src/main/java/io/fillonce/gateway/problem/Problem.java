package io.fillonce.gateway.problem;

import java.net.URI;

/** An RFC 9457 problem body as contracts/schemas/problem.schema.json describes it. */
record Problem(URI type, String title, int status, String detail, String instance) {

    static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(type.type(), type.title(), type.status().value(), detail, instance);
    }
}
