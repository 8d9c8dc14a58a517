package io.tideway.query.api;

import io.micronaut.http.HttpStatus;

/** An API call answered with an error status and Treasure Data's error body. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final String conflictsWith;

    public ApiException(HttpStatus status, String error, String text) {
        this(status, error, text, null);
    }

    public ApiException(HttpStatus status, String error, String text, String conflictsWith) {
        super(text);
        this.status = status;
        this.error = error;
        this.conflictsWith = conflictsWith;
    }

    public static ApiException notFound(String text) {
        return new ApiException(HttpStatus.NOT_FOUND, "Resource not found", text);
    }

    public static ApiException badRequest(String text) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Bad request", text);
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String conflictsWith() {
        return conflictsWith;
    }
}
