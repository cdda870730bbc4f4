package io.fillonce.local.manifests;

import java.util.Map;

/** One parsed Kubernetes resource and the file (or rendered overlay) it came from. */
record Manifest(String source, Map<String, Object> content) {

    String kind() {
        return Tree.text(content.get("kind"));
    }

    String name() {
        return Tree.text(Tree.at(content, "metadata.name"));
    }

    Map<String, Object> spec() {
        return Tree.map(content, "spec", where());
    }

    /** Names the file and the resource, for assertion messages. */
    String where() {
        return source + ": " + kind() + "/" + name();
    }
}
