package io.fillonce.registry.system;

import java.util.List;

/** The request was understood but breaks one or more rules; answered with 422 listing every problem. */
public class InvalidInput extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidInput(String title, List<FieldProblem> problems) {
        super(title);
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
