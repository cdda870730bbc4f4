package io.fillonce.gateway.access;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The role table, in order: the first rule whose path and method match decides; no match means 404. */
@ConfigurationProperties("fillonce.access")
record AccessSettings(List<AccessRule> rules) {

    AccessSettings {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
