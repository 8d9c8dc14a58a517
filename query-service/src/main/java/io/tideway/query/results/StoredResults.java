package io.tideway.query.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import io.tideway.query.config.QuerySettings;
import jakarta.inject.Singleton;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Results of jobs that have no destination, kept in {@code results/<job id>.json.gz} in the data directory: gzip
 * of one JSON array per row and line, the cells as the runner produced them. Written under a temporary name and
 * renamed when complete, so a reader never sees part of a result.
 */
@Singleton
public class StoredResults {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private final Path dir;

    public StoredResults(QuerySettings settings) {
        this.dir = settings.dataDir().resolve("results");
    }

    public Writer writer(String jobId) {
        return new Writer(file(jobId));
    }

    /** The rows of a job's stored result, or empty when it has none; close the reader when done. */
    public Optional<Reader> open(String jobId) {
        Path file = file(jobId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Reader(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 65536)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the stored result of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /** Bytes of a job's stored result (gzip), 0 when it has none. */
    public long size(String jobId) {
        try {
            Path file = file(jobId);
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
    }

    private Path file(String jobId) {
        if (!jobId.matches("[A-Za-z0-9_.-]+") || jobId.startsWith(".")) {
            throw new IllegalArgumentException("Job id '" + jobId + "' cannot name a result file");
        }
        return dir.resolve(jobId + ".json.gz");
    }

    /** Writes one result; {@link #commit} makes it visible, {@link #discard} drops it. */
    public static final class Writer {

        private final Path file;
        private final Path tmp;
        private OutputStream out;
        private SequenceWriter rows;

        private Writer(Path file) {
            this.file = file;
            this.tmp = file.resolveSibling(file.getFileName() + ".tmp");
        }

        public void write(List<List<Object>> batch) {
            try {
                if (rows == null) {
                    Files.createDirectories(file.getParent());
                    out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)), 65536);
                    rows = JSON.writer().withRootValueSeparator("\n").writeValues(out);
                }
                for (List<Object> row : batch) {
                    rows.write(row);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the result file " + tmp + ": " + e.getMessage(), e);
            }
        }

        public void commit() {
            try {
                write(List.of());
                rows.close();
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot complete the result file " + file + ": " + e.getMessage(), e);
            }
        }

        public void discard() {
            try {
                if (rows != null) {
                    rows.close();
                }
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove the unfinished result file " + tmp, e);
            }
        }
    }

    /** Reads a stored result row by row. */
    public static final class Reader implements Iterator<List<Object>>, AutoCloseable {

        private static final TypeReference<List<Object>> ROW = new TypeReference<>() { };

        private final JsonParser parser;
        private boolean ahead;

        private Reader(InputStream in) throws IOException {
            this.parser = JSON.createParser(in);
        }

        @Override
        public boolean hasNext() {
            try {
                if (!ahead) {
                    ahead = parser.nextToken() != null;
                }
                return ahead;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read a stored result: " + e.getMessage(), e);
            }
        }

        @Override
        public List<Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ahead = false;
            try {
                return JSON.readValue(parser, ROW);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read a stored result: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close a result file: " + e.getMessage(), e);
            }
        }
    }
}
