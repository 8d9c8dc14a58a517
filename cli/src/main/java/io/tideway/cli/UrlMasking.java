package io.tideway.cli;

import java.util.regex.Pattern;

/** Hides the secret of a result URL: {@code ftp://user:pass@host/x} becomes {@code ftp://user:***@host/x}. */
final class UrlMasking {

    private static final Pattern PASSWORD_IN_TEXT =
            Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://[^\\s/:@'\"]*):[^\\s/'\"]+@");

    private UrlMasking() {
    }

    /** Every {@code scheme://user:pass@} in free text (an error message, say) with its password hidden. */
    static String maskAll(String text) {
        return text == null ? null : PASSWORD_IN_TEXT.matcher(text).replaceAll("$1:***@");
    }

    static String mask(String url) {
        if (url == null || url.isEmpty()) {
            return url;
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return url;
        }
        int start = schemeEnd + 3;
        int slash = url.indexOf('/', start);
        int authorityEnd = slash < 0 ? url.length() : slash;
        int at = url.lastIndexOf('@', authorityEnd - 1);
        if (at < start) {
            // The user part may hold a '/' itself (a td:// API key "1/abc..."): then the first '@' ends it.
            at = url.indexOf('@', start);
            if (at < 0) {
                return url;
            }
        }
        String userInfo = url.substring(start, at);
        int colon = userInfo.indexOf(':');
        String masked;
        if (colon >= 0) {
            masked = userInfo.substring(0, colon) + ":***";
        } else if (url.startsWith("td://") && !userInfo.isEmpty()) {
            masked = "***"; // td://APIKEY@host/db/table: the user part is the other account's key
        } else {
            masked = userInfo;
        }
        return url.substring(0, start) + masked + url.substring(at);
    }
}
