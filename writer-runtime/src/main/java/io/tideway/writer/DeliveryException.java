package io.tideway.writer;

import java.time.Duration;
import java.util.Optional;

/**
 * A delivery failed. The destination that throws it decides whether trying the whole delivery again later may
 * succeed ({@link #retriable()}: a timeout, a refused connection, an FTP 4xx reply) or cannot ({@code false}: a
 * login refused, a directory that cannot be created). The message says what was being done, to what (the masked
 * URL) and why, e.g. {@code "Cannot log in to ftp://user:***@host/a.csv as user: 530 Login incorrect."}; it is
 * shown to users on the job, so it never holds a secret in clear.
 *
 * <p>A retriable failure may carry a {@linkplain #retryAfter() suggested delay}: the wait the other side asked for
 * (an HTTP {@code Retry-After} on 429 or 503, a server's "try again in 30 s"). The runtime then waits
 * {@code max(backoff, min(retryAfter, max-backoff))} before the next attempt: never less than its own backoff, never
 * more than the policy's longest backoff, so a suggestion can slow retries down but not stall them; it still counts
 * as one of the bounded attempts.
 */
public class DeliveryException extends Exception {

    private final boolean retriable;
    private final Duration retryAfter;

    public DeliveryException(String message, boolean retriable, Throwable cause) {
        this(message, retriable, cause, null);
    }

    private DeliveryException(String message, boolean retriable, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retriable = retriable;
        this.retryAfter = retryAfter == null || retryAfter.isNegative() ? null : retryAfter;
    }

    /** A failure that may pass: the runtime tries the delivery again after a backoff. */
    public static DeliveryException retriable(String message, Throwable cause) {
        return new DeliveryException(message, true, cause);
    }

    /**
     * A failure that may pass, no sooner than {@code retryAfter} from now as the other side asked: the runtime
     * waits the longer of its backoff and this (capped by its longest backoff). A null or negative delay is none.
     */
    public static DeliveryException retriable(String message, Throwable cause, Duration retryAfter) {
        return new DeliveryException(message, true, cause, retryAfter);
    }

    /** A failure that will not pass by itself: the job fails at once. */
    public static DeliveryException permanent(String message, Throwable cause) {
        return new DeliveryException(message, false, cause);
    }

    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, false, null);
    }

    /** Whether trying the whole delivery again later may succeed. */
    public boolean retriable() {
        return retriable;
    }

    /** The delay the other side suggested before trying again; empty when it said nothing, and for permanent failures. */
    public Optional<Duration> retryAfter() {
        return retriable ? Optional.ofNullable(retryAfter) : Optional.empty();
    }
}
