package io.fillonce.fieldrules;

import java.util.ArrayList;
import java.util.List;

/** The problems one parse has found so far, in the order found. */
final class Found {

    private final List<RuleProblem> problems = new ArrayList<>();

    void add(String pointer, String rule, String message) {
        problems.add(new RuleProblem(pointer, rule, message));
    }

    int count() {
        return problems.size();
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidMapping(problems);
        }
    }
}
