package io.fillonce.registry.codetable;

import java.util.Map;

/** Body of POST /api/registry/code-tables and PUT …/{name}: canonical code → department code. */
record CodeTableRequest(String name, Map<String, String> entries) {
}
