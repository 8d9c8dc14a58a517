package io.tideway.query.warehouse;

/** The query engine of each account: an account's queries see its own warehouse only. */
public interface QueryEngines {

    QueryEngine forAccount(String accountId);

    /** Whether every engine opened so far answers; for health checks. */
    boolean allOpen();
}
