package io.tideway.web;

import io.tideway.destination.DestinationUrl;
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
 * Turns what goes wrong talking to a web server into {@link DeliveryException}s saying what was done, to which URL
 * (masked) and why, and decides what may pass: I/O errors, timeouts, 408, 429 and 5xx are retried; other 4xx
 * replies, redirects, a certificate that does not verify and a refused address fail the job at once. A
 * {@code Retry-After} on 429 or 503 becomes the failure's {@linkplain DeliveryException#retryAfter() suggested delay}.
 */
final class WebFailures {

    private final DestinationUrl url;
    private final String method;

    WebFailures(DestinationUrl url, String method) {
        this.url = url;
        this.method = method;
    }

    /** The failure a reply means, or null for a 2xx reply. */
    DeliveryException of(HttpReply reply) {
        int status = reply.status();
        if (status >= 200 && status < 300) {
            return null;
        }
        String what = method + " to " + url.masked();
        if (status >= 300 && status < 400) {
            return DeliveryException.permanent(mask(what + " was redirected (" + reply.statusText() + ") to "
                    + reply.header("location").orElse("no location") + "; redirects are not followed: put the new "
                    + "address in the result URL"));
        }
        String why = what + " failed: the server replied " + reply.statusText()
                + (reply.excerpt().isEmpty() ? "" : ": " + reply.excerpt());
        if (status == 408 || status == 429 || status >= 500) {
            Optional<String> asked = reply.header("retry-after");
            String wait = asked.map(after -> " (it asks to retry after " + after + ")").orElse("");
            Optional<Duration> retryAfter = status == 429 || status == 503
                    ? asked.flatMap(after -> RetryAfter.parse(after, Instant.now())) : Optional.empty();
            return DeliveryException.retriable(mask(why + wait), null, retryAfter.orElse(null));
        }
        return DeliveryException.permanent(mask(why));
    }

    /** The server replied 2xx before it had the whole body: the result may be cut, so it is not delivered. */
    DeliveryException earlySuccess(HttpReply reply) {
        return DeliveryException.retriable(mask(method + " to " + url.masked() + ": the server replied "
                + reply.statusText() + " before it had the whole body"), null);
    }

    /** An I/O error while {@code doing} something; certificate failures are permanent, the rest may pass. */
    DeliveryException io(String doing, IOException e) {
        if (e instanceof UnknownHostException) {
            return DeliveryException.retriable("Cannot " + doing + " " + url.masked() + ": the host " + url.host()
                    + " is not known (DNS)", e);
        }
        Optional<String> certificate = TrustedAuthorities.certificateFailure(e);
        if (certificate.isPresent()) {
            return DeliveryException.permanent(mask("Cannot " + doing + " " + url.masked() + ": the server's "
                    + "certificate does not verify for " + url.host() + " (" + certificate.get() + "); a private CA "
                    + "goes in " + TrustStoreSettings.PREFIX + ".path"), e);
        }
        return DeliveryException.retriable(mask("Cannot " + doing + " " + url.masked() + ": " + e), e);
    }

    DeliveryException refused(GuardedDnsResolver.RefusedHostException e) {
        return DeliveryException.permanent(mask("Refused to deliver to " + url.masked() + ": " + e.getMessage()), e);
    }

    DeliveryException badCell(JsonBody.BadCellException e) {
        return DeliveryException.permanent(mask("Cannot write the result as JSON for " + url.masked() + ": "
                + e.getMessage()), e);
    }

    private String mask(String text) {
        return url.masker().mask(text);
    }


}
