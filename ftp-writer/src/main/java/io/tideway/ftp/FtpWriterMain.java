package io.tideway.ftp;

import io.tideway.writer.service.WriterApplication;

/**
 * Starts the ftp-writer: consumes {@code results.ftp} in the group {@code tideway-ftp-writer} and delivers each
 * result as a CSV file ({@link FtpDestination}); see {@link WriterApplication} for the settings every writer takes
 * and {@link FtpSettings} for {@code tideway.ftp.*}.
 */
public final class FtpWriterMain {

    private FtpWriterMain() {
    }

    public static void main(String[] args) {
        WriterApplication.run(FtpWriterMain.class, args);
    }
}
