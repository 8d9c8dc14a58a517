package io.tideway.query.jobs;

import io.tideway.query.config.QuerySettings;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;

/**
 * Job ids: increasing integers from 1. The last id given out is kept in {@code job-id} in the data directory, so
 * ids never repeat across restarts; ids already on the job-events topic are skipped too, so a new data directory
 * on an old bus does not reuse them.
 */
@Singleton
public class JobIds {

    /** Orders job ids numerically where they are numbers (ids from other systems may not be). */
    public static final Comparator<String> ORDER = Comparator.comparingLong(JobIds::numeric).thenComparing(s -> s);

    private final Path file;
    private final JobStatusView view;
    private long last;

    public JobIds(QuerySettings settings, JobStatusView view) {
        this.file = settings.dataDir().resolve("job-id");
        this.view = view;
        this.last = read(file);
    }

    public synchronized String next() {
        long next = Math.max(last, view.highestJobId()) + 1;
        write(next);
        last = next;
        return Long.toString(next);
    }

    static long numeric(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long read(Path file) {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("Cannot read the job id counter " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(long value) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("job-id.tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(StandardCharsets.US_ASCII.encode(Long.toString(value)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the job id counter " + file + ": " + e.getMessage(), e);
        }
    }
}
