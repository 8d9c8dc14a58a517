package io.tideway.cli;

/** The API server answered with an HTTP error; the message is the server's own text. */
public class ApiException extends CliException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
