package io.tideway.query.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API keys in Treasure Data's form, {@code <account id>/<40 lowercase hex>}, which td-client-java recognises and
 * sends as {@code Authorization: TD1 <key>} by itself.
 */
public final class ApiKeys {

    private static final Pattern TD_FORM = Pattern.compile("^(?:[1-9][0-9]*/)?[a-f0-9]{40}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String generate(String accountId) {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return accountId + "/" + HexFormat.of().formatHex(bytes);
    }

    /**
     * The write-only key that belongs to a master key: {@code <account id>/<HMAC-SHA1(master key, label) in hex>}.
     * The bootstrap account's write-only key is derived this way, so that whoever holds the master key (the launcher)
     * can print it while the service keeps only its digest.
     */
    public static String derivedWriteOnlyKey(String accountId, String masterKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(masterKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] digest = mac.doFinal("tideway write-only key".getBytes(StandardCharsets.UTF_8));
            return accountId + "/" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }

    public static boolean hasTdForm(String key) {
        return TD_FORM.matcher(key).matches();
    }

    /** The key from an {@code Authorization} header: {@code TD1 <key>} or the bare key; null when absent. */
    public static String fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.regionMatches(true, 0, "TD1 ", 0, 4)) {
            value = value.substring(4).strip();
        }
        return value.isEmpty() ? null : value;
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
