package io.tideway.query.external;

import io.tideway.schemas.JobRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential an external job carries ({@code JobRequest.authorization}): {@code v1=} and the hex
 * HMAC-SHA256 of the job's canonical text, keyed by the hex SHA-256 digest of the account's master API key. The
 * service keeps only that digest, so it can check the HMAC; the key never travels, and the HMAC binds every field
 * that decides what runs and where the result goes, so a signed job cannot be altered or re-addressed.
 *
 * <p>The canonical text is, for each of jobId, accountId, database, engine, query, savedResult, the destination's
 * sealedUrl and requestedAt (epoch milliseconds), in that order: the value's UTF-8 length in bytes in decimal,
 * {@code :}, the value, and a newline; a missing value is empty. Lengths make the text unambiguous whatever the
 * values contain. docs/job-topic.md shows the same in plain Java.
 */
public final class JobAuthorization {

    static final String VERSION = "v1=";

    private JobAuthorization() {
    }

    /** The authorization for {@code job} signed with the account's master key, as a producer computes it. */
    public static String sign(JobRequest job, String masterApiKey) {
        return withDigest(job, digestOf(masterApiKey));
    }

    /** Whether {@code job} carries a valid authorization for the account whose master key has this digest. */
    static boolean verify(JobRequest job, String masterKeyDigest) {
        String given = job.getAuthorization();
        if (given == null || masterKeyDigest == null) {
            return false;
        }
        return MessageDigest.isEqual(withDigest(job, masterKeyDigest).getBytes(StandardCharsets.US_ASCII),
                given.strip().getBytes(StandardCharsets.US_ASCII));
    }

    static String canonicalText(JobRequest job) {
        StringBuilder text = new StringBuilder();
        for (String value : new String[] {job.getJobId(), job.getAccountId(), job.getDatabase(), job.getEngine(),
                job.getQuery(), job.getSavedResult(),
                job.getDestination() == null ? null : job.getDestination().getSealedUrl(),
                String.valueOf(job.getRequestedAt().toEpochMilli())}) {
            String v = value == null ? "" : value;
            text.append(v.getBytes(StandardCharsets.UTF_8).length).append(':').append(v).append('\n');
        }
        return text.toString();
    }

    private static String withDigest(JobRequest job, String masterKeyDigest) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKeyDigest.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return VERSION + HexFormat.of().formatHex(mac.doFinal(canonicalText(job).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static String digestOf(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
