package io.fillonce.fieldrules;

import java.util.Optional;

/** Where the mapping engine finds code tables by name. */
@FunctionalInterface
public interface CodeTables {

    Optional<CodeTable> find(String name);
}
