package io.fillonce.web;

import java.util.List;

/** The request body is readable JSON but breaks one or more rules; answered with 422 listing every problem. */
public class InvalidInput extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidInput(String title, List<FieldProblem> problems) {
        super(title);
        this.problems = List.copyOf(problems);
    }

    public static InvalidInput of(String title, String pointer, String rule, String message) {
        return new InvalidInput(title, List.of(new FieldProblem(pointer, rule, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
