package io.fillonce.registry.system;

import java.util.List;
import java.util.Map;

import io.fillonce.web.FieldProblem;

/**
 * A change that would break what is already there (a record type version, a code table, a subscription);
 * answered with 409, every reason in {@code errors} and any further detail as extra problem properties.
 */
public class Incompatible extends RuntimeException {

    private final List<FieldProblem> problems;
    private final Map<String, Object> properties;

    public Incompatible(String title, List<FieldProblem> problems, Map<String, Object> properties) {
        super(title);
        this.problems = List.copyOf(problems);
        this.properties = Map.copyOf(properties);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
