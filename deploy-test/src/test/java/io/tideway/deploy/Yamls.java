package io.tideway.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed access to parsed YAML, failing with the path of the node that has an unexpected shape. */
final class Yamls {

    private Yamls() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String where) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?>)) {
            throw new AssertionError(where + " should be a mapping, not " + node);
        }
        return (Map<String, Object>) node;
    }

    static List<?> list(Object node, String where) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            throw new AssertionError(where + " should be a list, not " + node);
        }
        return list;
    }

    /** A mapping of scalars as strings (Compose's environment and build args), or a list of NAME=value. */
    static Map<String, String> stringMap(Object node, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node instanceof List<?> entries) {
            for (Object entry : entries) {
                String text = String.valueOf(entry);
                int eq = text.indexOf('=');
                out.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
            }
            return out;
        }
        map(node, where).forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
        return out;
    }

    static String string(Object node) {
        return node == null ? null : String.valueOf(node);
    }
}
