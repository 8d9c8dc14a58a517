package io.tideway.bench;

import io.tideway.schemas.JobEventType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;

/**
 * 1. Bulk export: a www_access-like table to the demo FTP server through Tideway, against the two-step reference
 * (DuckDB {@code COPY … TO csv}, then a Commons Net upload) on a copy of the same data, in the same run.
 */
final class BulkExportBench {

    static final double TARGET_RATIO = 1.5;
    private static final int BUFFER = 4 * 1024 * 1024;

    private BulkExportBench() {
    }

    static Measurement run(BenchStack s, Path referenceDb, Path workDir, long rows) throws Exception {
        Measurement m = new Measurement("1. Bulk export (" + Stats.count(rows) + " rows → FTP)");
        m.target = "Tideway ≤ 1.5 × reference";
        m.how = "Table testdb." + AccessTable.TABLE + " (" + Stats.count(rows) + " rows, 8 columns, made with DuckDB "
                + "before the stack started; the reference reads a byte-identical copy of the file). Tideway: "
                + "`SELECT * FROM " + AccessTable.TABLE + "` submitted with td-client to the local stack with result "
                + "ftp://user:***@127.0.0.1:<demo-ftp>/bench/…csv; time from just before the submit call to the "
                + "DELIVERED job event's timestamp (read from job-events). Reference, same query, same FTP server: "
                + "DuckDB JDBC in the harness JVM `COPY (…) TO 'x.csv' (HEADER)`, then Commons Net FTPClient "
                + "(binary, passive, 4 MiB buffer) storeFile, connect and login included; time = export + upload. "
                + "One run of each, Tideway first.";
        String path = "bench/access.csv";
        Path delivered = s.ftpFile(path);
        Path dir = delivered.getParent();
        String sql = "SELECT * FROM " + AccessTable.TABLE;

        long t0 = System.currentTimeMillis();
        long n0 = System.nanoTime();
        String id = s.submit(sql, s.ftpUrl(path));
        double submitMs = (System.nanoTime() - n0) / 1e6;
        long firstFile = 0;
        long finalFile = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        JobWatcher.Job job = s.watcher().job(id);
        while (System.nanoTime() < deadline) {
            if (firstFile == 0 && Files.isDirectory(dir) && anyFile(dir)) {
                firstFile = System.currentTimeMillis();
            }
            if (Files.exists(delivered)) {
                finalFile = System.currentTimeMillis();
                break;
            }
            JobEventType end = job.terminal();
            if (end != null && end != JobEventType.DELIVERED) {
                throw new IllegalStateException("Job " + id + " ended " + end + ": " + job.error);
            }
            Thread.sleep(5);
        }
        JobEventType end = s.watcher().awaitTerminal(id, Duration.ofMinutes(2));
        if (end != JobEventType.DELIVERED) {
            throw new IllegalStateException("Job " + id + " ended " + end + ": " + job.error);
        }
        long deliveredAt = job.time(JobEventType.DELIVERED);
        double tidewayMs = deliveredAt - t0;
        long tidewayBytes = Files.size(delivered);
        long tidewayLines = FileCount.lines(delivered);

        // the reference, on the harness's own copy of the warehouse file
        Path csv = workDir.resolve("reference-access.csv");
        Files.deleteIfExists(csv);
        long e0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + referenceDb);
             Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM " + AccessTable.DATABASE + "." + AccessTable.TABLE + ") TO '"
                    + csv.toString().replace("'", "''") + "' (HEADER)");
        }
        double exportMs = (System.nanoTime() - e0) / 1e6;
        long u0 = System.nanoTime();
        upload(s, csv, "bench/reference-access.csv");
        double uploadMs = (System.nanoTime() - u0) / 1e6;
        double referenceMs = exportMs + uploadMs;
        long referenceBytes = Files.size(csv);
        long referenceLines = FileCount.lines(csv);
        long uploadedBytes = Files.size(s.ftpFile("bench/reference-access.csv"));

        double ratio = Stats.ratio(tidewayMs, referenceMs);
        m.tideway = Stats.seconds(tidewayMs);
        m.reference = Stats.seconds(referenceMs);
        m.ratio = Stats.times(ratio);
        m.met = ratio <= TARGET_RATIO;

        Long queued = job.time(JobEventType.QUEUED);
        Long running = job.time(JobEventType.RUNNING);
        Long finished = job.time(JobEventType.QUERY_FINISHED);
        m.detail("Tideway " + Stats.seconds(tidewayMs) + " = submit call " + Stats.ms(submitMs)
                + "; QUEUED→RUNNING " + between(queued, running)
                + "; RUNNING→QUERY_FINISHED (query, batches onto results.ftp, one transaction committed) "
                + between(running, finished)
                + "; QUERY_FINISHED→upload started (temporary file appears on the FTP server) "
                + between(finished, firstFile == 0 ? null : firstFile)
                + "; upload started→file renamed into place " + between(firstFile == 0 ? null : firstFile,
                finalFile == 0 ? null : finalFile)
                + "; renamed→DELIVERED event " + between(finalFile == 0 ? null : finalFile, deliveredAt));
        m.detail("Tideway file: " + Stats.count(tidewayLines) + " lines, " + Stats.mib(tidewayBytes) + " ("
                + Stats.fixed(tidewayBytes / (double) rows, 1) + " bytes a row, CRLF line ends), "
                + Stats.fixed(Stats.megabytesPerSecond(tidewayBytes, tidewayMs), 1) + " MB/s end to end; job " + id
                + " delivered by " + job.deliveredBy);
        m.detail("Reference " + Stats.seconds(referenceMs) + " = DuckDB COPY " + Stats.ms(exportMs) + " + FTP upload "
                + Stats.ms(uploadMs) + " (" + Stats.fixed(Stats.megabytesPerSecond(uploadedBytes, uploadMs), 1)
                + " MB/s); file " + Stats.count(referenceLines) + " lines, " + Stats.mib(referenceBytes)
                + " (LF line ends)");
        if (tidewayLines != referenceLines || tidewayLines != rows + 1) {
            m.detail("WARNING: line counts differ (Tideway " + tidewayLines + ", reference " + referenceLines
                    + ", expected " + (rows + 1) + ")");
        }
        Files.deleteIfExists(csv);
        Files.deleteIfExists(delivered);
        Files.deleteIfExists(s.ftpFile("bench/reference-access.csv"));
        return m;
    }

    private static String between(Long from, Long to) {
        return from == null || to == null ? "n/a" : Stats.ms(to - from);
    }

    private static boolean anyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isPresent();
        }
    }

    static void upload(BenchStack s, Path file, String remote) throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.setBufferSize(BUFFER);
        ftp.connect("127.0.0.1", s.settings().port("demo-ftp"));
        try {
            if (!ftp.login(BenchStack.DEMO_USER, BenchStack.DEMO_PASSWORD)) {
                throw new IOException("FTP login refused: " + ftp.getReplyString());
            }
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            ftp.enterLocalPassiveMode();
            String dir = remote.substring(0, remote.lastIndexOf('/'));
            ftp.makeDirectory(dir);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
                if (!ftp.storeFile(remote, in)) {
                    throw new IOException("FTP upload failed: " + ftp.getReplyString());
                }
            }
            ftp.logout();
        } finally {
            ftp.disconnect();
        }
    }
}
