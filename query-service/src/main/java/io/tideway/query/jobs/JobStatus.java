package io.tideway.query.jobs;

import java.util.Locale;

/** A job's status as Treasure Data's API names it. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCESS, ERROR, KILLED;

    public boolean isFinished() {
        return this == SUCCESS || this == ERROR || this == KILLED;
    }

    /** The word the API uses: queued, running, success, error, killed. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
