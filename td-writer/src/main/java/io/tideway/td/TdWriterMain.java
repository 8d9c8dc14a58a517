package io.tideway.td;

import io.tideway.writer.service.TrustStoreSettings;
import io.tideway.writer.service.WriterApplication;

/**
 * Starts the td-writer: consumes {@code results.td} in the group {@code tideway-td-writer} and imports each result
 * into a table of the account the URL names ({@link TdDestination}); see {@link WriterApplication} for the settings
 * every writer takes, {@link TdSettings} for {@code tideway.td.*} and {@link TrustStoreSettings} for
 * {@code tideway.trust-store.*}.
 */
public final class TdWriterMain {

    private TdWriterMain() {
    }

    public static void main(String[] args) {
        WriterApplication.run(TdWriterMain.class, args);
    }
}
