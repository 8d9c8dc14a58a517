package io.tideway.query.runner;

/** The service is stopping: the running job is abandoned uncommitted, so that it runs again. */
class WorkerStoppingException extends RuntimeException {

    WorkerStoppingException() {
        super("The runner is stopping", null, false, false);
    }
}
