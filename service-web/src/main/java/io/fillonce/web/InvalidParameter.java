package io.fillonce.web;

import java.util.List;

/**
 * A query, path or header parameter is missing, of the wrong type or out of range; answered with 400, each problem's
 * pointer naming the parameter.
 */
public class InvalidParameter extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidParameter(List<FieldProblem> problems) {
        super(String.join("; ", problems.stream().map(FieldProblem::message).toList()));
        this.problems = List.copyOf(problems);
    }

    public static InvalidParameter of(String parameter, String rule, String message) {
        return new InvalidParameter(List.of(new FieldProblem(parameter, rule, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
