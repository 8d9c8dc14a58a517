package io.tideway.query.savedresults;

/**
 * A reference to a saved destination where a result URL is taken: {@code NAME}, or {@code NAME:path} with a path
 * appended to the saved URL ({@code myftp:path.csv} for {@code ftp://user:***@host/reports/} is
 * {@code ftp://user:***@host/reports/path.csv}; {@code mydb:output_table} for {@code td://@/testdb} is
 * {@code td://@/testdb/output_table}). Anything with {@code ://} is a URL, not a reference.
 *
 * @param name the saved destination's name
 * @param path what to append, without a leading slash; empty for none
 */
public record SavedResultRef(String name, String path) {

    /** Whether {@code value} names a saved destination rather than giving a URL. */
    public static boolean isReference(String value) {
        return value != null && !value.isBlank() && !value.contains("://");
    }

    public static SavedResultRef parse(String value) {
        String v = value.strip();
        int colon = v.indexOf(':');
        if (colon < 0) {
            return new SavedResultRef(v, "");
        }
        return new SavedResultRef(v.substring(0, colon).strip(), stripSlashes(v.substring(colon + 1).strip()));
    }

    /** {@code base} with {@code path} appended as one more path segment, before any {@code ?query}. */
    static String join(String base, String path) {
        if (path.isEmpty()) {
            return base;
        }
        int q = base.indexOf('?');
        String url = q < 0 ? base : base.substring(0, q);
        String query = q < 0 ? "" : base.substring(q);
        return url + (url.endsWith("/") ? "" : "/") + path + query;
    }

    private static String stripSlashes(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        return path.substring(start);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? name : name + ":" + path;
    }
}
