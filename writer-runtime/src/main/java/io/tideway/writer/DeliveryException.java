package io.tideway.writer;

/**
 * A delivery failed. The destination that throws it decides whether trying the whole delivery again later may
 * succeed ({@link #retriable()}: a timeout, a refused connection, an FTP 4xx reply) or cannot ({@code false}: a
 * login refused, a directory that cannot be created). The message says what was being done, to what (the masked
 * URL) and why, e.g. {@code "Cannot log in to ftp://user:***@host/a.csv as user: 530 Login incorrect."}; it is
 * shown to users on the job, so it never holds a secret in clear.
 */
public class DeliveryException extends Exception {

    private final boolean retriable;

    public DeliveryException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** A failure that may pass: the runtime tries the delivery again after a backoff. */
    public static DeliveryException retriable(String message, Throwable cause) {
        return new DeliveryException(message, true, cause);
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
}
