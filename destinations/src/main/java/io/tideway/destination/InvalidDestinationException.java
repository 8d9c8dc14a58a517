package io.tideway.destination;

/** A destination URL that cannot be used; the message says what is wrong and never holds a secret in clear. */
public class InvalidDestinationException extends IllegalArgumentException {

    public InvalidDestinationException(String message) {
        super(message);
    }
}
