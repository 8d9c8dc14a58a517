package io.tideway.web;

import io.tideway.writer.service.TrustStoreSettings;
import io.tideway.writer.service.WriterApplication;

/**
 * Starts the web-writer: consumes {@code results.web} (which carries both web and webs results) in the group
 * {@code tideway-web-writer} and delivers each result as JSON to a web server ({@link WebDestination}); see
 * {@link WriterApplication} for the settings every writer takes, {@link WebSettings} for {@code tideway.web.*} and
 * {@link TrustStoreSettings} for {@code tideway.trust-store.*}.
 */
public final class WebWriterMain {

    private WebWriterMain() {
    }

    public static void main(String[] args) {
        WriterApplication.run(WebWriterMain.class, args);
    }
}
