package io.tideway.cli;

/** The API server could not be reached or the connection broke: worth another try while waiting for a job. */
public class UnreachableException extends CliException {

    public UnreachableException(String message) {
        super(message);
    }
}
