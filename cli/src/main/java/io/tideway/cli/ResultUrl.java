package io.tideway.cli;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Puts a user and password into a result URL, as {@code td result:create -u USER -p} does. */
final class ResultUrl {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ResultUrl() {
    }

    /**
     * {@code ftp://host/x} with user {@code a b} and password {@code p@ss} gives {@code ftp://a%20b:p%40ss@host/x}:
     * each is percent-encoded (all but RFC 3986's unreserved characters), as the writers URL-decode them.
     *
     * @throws IllegalArgumentException when the URL has no {@code scheme://} or already names a user
     */
    static String withCredentials(String url, String user, char[] password) {
        int start = url.indexOf("://");
        if (start <= 0) {
            throw new IllegalArgumentException("-u and -p need a URL of the form scheme://host/..., not '"
                    + UrlMasking.mask(url) + "'");
        }
        start += 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        if (url.substring(start, end).contains("@")) {
            throw new IllegalArgumentException("the URL already has a user part; give the user and password in the "
                    + "URL or with -u/-p, not both");
        }
        StringBuilder userInfo = new StringBuilder();
        if (user != null) {
            userInfo.append(encode(CharBuffer.wrap(user)));
        }
        if (password != null) {
            userInfo.append(':').append(encode(CharBuffer.wrap(password)));
        }
        return url.substring(0, start) + userInfo + "@" + url.substring(start);
    }

    static String encode(CharBuffer text) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(text);
        StringBuilder out = new StringBuilder();
        while (bytes.hasRemaining()) {
            int b = bytes.get() & 0xff;
            if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || "-._~".indexOf(b) >= 0) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
        return out.toString();
    }
}
