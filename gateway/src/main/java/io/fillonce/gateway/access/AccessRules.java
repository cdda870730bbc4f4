package io.fillonce.gateway.access;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;

/** Finds the rule deciding a request: the first whose pattern matches the path and whose methods include its method. */
@Component
class AccessRules {

    private record Compiled(PathPattern pattern, AccessRule rule) {
    }

    private final List<Compiled> rules;

    AccessRules(AccessSettings settings) {
        this.rules = settings.rules().stream().map(rule -> new Compiled(rule.parsedPattern(), rule)).toList();
    }

    Optional<AccessRule> ruleFor(PathContainer path, HttpMethod method) {
        return rules.stream()
                .filter(compiled -> compiled.pattern().matches(path) && compiled.rule().appliesTo(method))
                .map(Compiled::rule)
                .findFirst();
    }
}
