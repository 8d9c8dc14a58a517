package io.tideway.query.accounts;

/** What an API key may do, named as {@code apikey/validate} reports it. */
public enum KeyType {
    /** Every call of its account. */
    MASTER("master"),
    /** Imports into tables (streaming and bulk, but not a replacing commit), key validation and server status. */
    WRITE_ONLY("write_only");

    private final String apiName;

    KeyType(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
