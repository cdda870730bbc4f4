package io.fillonce.fieldrules;

import java.util.Optional;
import java.util.Set;

/** The canonical codes of the code tables a mapping may name, as the registry knows them when it checks one. */
@FunctionalInterface
public interface CanonicalCodes {

    /** The canonical codes of {@code codeTable}; empty when there is no such code table. */
    Optional<Set<String>> of(String codeTable);
}
