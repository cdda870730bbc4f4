package io.fillonce.fieldrules;

import java.util.List;
import java.util.stream.Collectors;

/** A field mapping or filter that breaks the language: every problem found, each naming where. */
public class InvalidMapping extends IllegalArgumentException {

    private final List<RuleProblem> problems;

    public InvalidMapping(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    /** A problem with registry data found outside a mapping's own rules (e.g. a code table's entries). */
    public InvalidMapping(String message) {
        super(message);
        this.problems = List.of();
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
