package io.fillonce.local.manifests;

import java.util.List;
import java.util.Map;

/** Typed reads of parsed YAML, failing with the place they were asked for when the shape is not what it should be. */
final class Tree {

    private Tree() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new AssertionError(where + ": expected a mapping, found " + value);
        }
        return (Map<String, Object>) value;
    }

    static Map<String, Object> map(Map<String, Object> parent, String key, String where) {
        return map(parent.get(key), where + "." + key);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String where) {
        if (!(value instanceof List)) {
            throw new AssertionError(where + ": expected a list, found " + value);
        }
        return (List<Object>) value;
    }

    static List<Map<String, Object>> maps(Object value, String where) {
        return list(value, where).stream().map(item -> map(item, where + "[]")).toList();
    }

    /** A nested value by a dotted path of keys, or null where any key is missing. */
    static Object at(Map<String, Object> root, String path) {
        Object current = root;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> node)) {
                return null;
            }
            current = node.get(key);
        }
        return current;
    }

    static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
