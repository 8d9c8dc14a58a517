package io.tideway.query.warehouse;

/**
 * A bulk-import session as {@code bulk_import/show} reports it.
 *
 * @param status       {@code uploading} or {@code committed}
 * @param parts        parts staged (0 once committed: they were applied and dropped)
 * @param validRecords records in the staged parts; once committed, the records the commit applied
 */
public record BulkImportSession(String name, String database, String table, String status, long parts,
                                long validRecords) {

    public static final String UPLOADING = "uploading";
    public static final String COMMITTED = "committed";

    public boolean committed() {
        return COMMITTED.equals(status);
    }
}
