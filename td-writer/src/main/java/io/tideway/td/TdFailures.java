package io.tideway.td;

import io.tideway.writer.DeliveryException;
import io.tideway.writer.service.RetryAfter;
import io.tideway.writer.service.TrustStoreSettings;
import io.tideway.writer.service.TrustedAuthorities;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns what goes wrong talking to the target's API into {@link DeliveryException}s that say what was being done,
 * to which URL (masked, and any echo of the key masked too) and why, and decides what may pass: I/O errors,
 * timeouts, 408, 429 and 5xx are retried ({@code Retry-After} on 429 and 503 becomes the suggested delay), as is a
 * 404 for a session that vanished under way (another attempt gave it up); 401, 403, a 404 for the database, 422 and
 * other 4xx replies fail the job at once with the server's explanation.
 */
final class TdFailures {

    private final TdTarget target;

    TdFailures(TdTarget target) {
        this.target = target;
    }

    /** The failure a reply to {@code doing} means, or null for a 2xx reply. */
    DeliveryException of(String doing, TdReply reply) {
        if (reply.ok()) {
            return null;
        }
        int status = reply.status();
        String replied = replied(reply);
        String said = " (" + replied + ")";
        String cannot = "Cannot " + doing + " " + target.url().masked() + ": ";
        return switch (status) {
            case 401 -> permanent(cannot + "the target refused the API key" + said
                    + "; give a valid API key of the target account");
            case 403 -> permanent(cannot + "the target refused the API key" + said + (target.replace()
                    ? "; mode=replace needs the target account's master key, a write-only key can only append"
                    : "; the key may not import into " + target.tableName()));
            case 404 -> retriable(cannot + "the import session " + target.session() + " is gone" + said
                    + ", given up by another attempt; the next attempt starts it again", null);
            case 422 -> permanent(cannot + "the target cannot take the rows into " + target.tableName() + said);
            default -> status == 408 || status == 429 || status >= 500 ? transientReply(cannot, reply)
                    : permanent(cannot + "the target replied " + replied);
        };
    }

    /** The failure a reply to creating the session means: there, a 404 says the database is missing. */
    DeliveryException ofCreate(String doing, TdReply reply) {
        if (reply.status() != 404) {
            return of(doing, reply);
        }
        return permanent("Cannot " + doing + " " + target.url().masked() + ": the database '" + target.database()
                + "' does not exist at the target (" + replied(reply) + "); create it there first");
    }

    /** An I/O error while {@code doing} something; certificate failures are permanent, the rest may pass. */
    DeliveryException io(String doing, IOException e) {
        String cannot = "Cannot " + doing + " " + target.url().masked() + ": ";
        if (e instanceof UnknownHostException) {
            return DeliveryException.retriable(mask(cannot + "the host " + target.url().host()
                    + " is not known (DNS)"), e);
        }
        Optional<String> certificate = TrustedAuthorities.certificateFailure(e);
        if (certificate.isPresent()) {
            return DeliveryException.permanent(mask(cannot + "the target's certificate does not verify for "
                    + target.url().host() + " (" + certificate.get() + "); a private CA goes in " + TrustStoreSettings.PREFIX
                    + ".path"), e);
        }
        return DeliveryException.retriable(mask(cannot + e), e);
    }

    /** A reply that is a success but not one this writer understands. */
    DeliveryException unexpected(String doing, TdReply reply, String why) {
        return permanent("Cannot " + doing + " " + target.url().masked() + ": " + why + " (" + replied(reply) + ")");
    }

    /** {@code 404 Not Found: Database 'x' not found}. */
    private static String replied(TdReply reply) {
        return reply.statusText() + (reply.explanation().isEmpty() ? "" : ": " + reply.explanation());
    }

    private DeliveryException transientReply(String cannot, TdReply reply) {
        Optional<String> asked = reply.header("retry-after");
        Optional<Duration> retryAfter = reply.status() == 429 || reply.status() == 503
                ? asked.flatMap(after -> RetryAfter.parse(after, Instant.now())) : Optional.empty();
        String why = cannot + "the target replied " + replied(reply)
                + asked.map(after -> " (it asks to retry after " + after + ")").orElse("");
        return DeliveryException.retriable(mask(why), null, retryAfter.orElse(null));
    }

    private DeliveryException permanent(String message) {
        return DeliveryException.permanent(mask(message));
    }

    private DeliveryException retriable(String message, Throwable cause) {
        return DeliveryException.retriable(mask(message), cause);
    }

    /** The key masked wherever it appears, also without its {@code <account>/} prefix. */
    private String mask(String text) {
        String masked = target.url().masker().mask(text);
        String key = target.apiKey();
        String bare = key.substring(key.lastIndexOf('/') + 1);
        return bare.length() >= 8 ? masked.replace(bare, "***") : masked;
    }


}
