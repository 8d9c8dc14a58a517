package io.tideway.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code td table:import DB TABLE FILE}: reads the whole file into gzip'd msgpack chunks on disk first (so a bad
 * line stops the import before anything is sent), then sends each chunk with
 * {@code PUT /v3/table/import_with_id/{db}/{table}/{id}/msgpack.gz}, retrying one that fails on the way.
 */
@Command(name = "table:import", description = {"Import rows from a CSV, TSV or JSON-lines file into a table.",
    "CSV/TSV: RFC 4180 quoting; an empty field is NULL; unquoted integers and decimals become numbers.",
    "time: --time-value, else --time-column, else the row's 'time' column, else the current time."})
final class TableImportCommand extends TableCommand {

    static final int MAX_ATTEMPTS = 4;

    @Parameters(index = "2", paramLabel = "FILE", description = "the file (gzip'd or not), or - for standard input")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, tsv or json (JSON lines); "
            + "default from the file name (.csv, .tsv, .json, .jsonl, .ndjson, also with .gz)")
    String format;

    @Option(names = "--column-header", description = "csv/tsv: the first line names the columns")
    boolean columnHeader;

    @Option(names = "--columns", paramLabel = "NAME", split = ",", splitSynopsisLabel = ",",
            description = "csv/tsv: the column names (with --column-header: instead of the first line's)")
    List<String> columns;

    @Option(names = {"-t", "--time-column", "--time-key"}, paramLabel = "NAME",
            description = "the column that holds each row's time")
    String timeColumn;

    @Option(names = "--time-value", paramLabel = "TIME", description = "one time for every row: "
            + "unix seconds or YYYY-MM-DD HH:MM:SS [ZONE] (UTC when none)")
    String timeValue;

    @Option(names = "--auto-create-table", description = "create the table when it does not exist")
    boolean autoCreateTable;

    @Option(names = "--chunk-rows", paramLabel = "N", defaultValue = "50000",
            description = "rows per request (default: ${DEFAULT-VALUE})")
    int chunkRows;

    TableImportCommand(Session session) {
        super(session);
    }

    @Override
    public Integer call() throws IOException {
        String kind = format();
        Long fixedTime = fixedTime();
        if (chunkRows < 1) {
            throw usage("--chunk-rows must be 1 or more, not " + chunkRows);
        }
        session.api(); // an unset API server or key fails now, not after reading the whole file
        Path dir = Files.createTempDirectory("td-import-");
        try {
            session.err().println("importing " + file + "...");
            ImportChunks chunks = new ImportChunks(dir, database, table, chunkRows);
            List<ImportChunks.Chunk> packed;
            try (chunks; InputStream in = open()) {
                ImportRows rows = rows(kind, in);
                ImportTime time = new ImportTime(timeColumn, fixedTime, Instant.now().getEpochSecond(), file);
                for (Map<String, Object> row = rows.next(); row != null; row = rows.next()) {
                    time.apply(row, rows.line());
                    chunks.add(row);
                }
                packed = chunks.finish();
            }
            if (packed.isEmpty()) {
                session.err().println("  " + file + " has no rows; nothing is imported.");
                return 0;
            }
            if (autoCreateTable) {
                createTable();
            }
            new ImportUpload(session, database, table, file).send(packed, chunks.rows());
            session.err().println("  imported " + chunks.rows() + (chunks.rows() == 1 ? " row" : " rows") + " from "
                    + file + " into " + database + "." + table + ".");
            return 0;
        } finally {
            delete(dir);
        }
    }

    private String format() {
        String kind = format != null ? format.toLowerCase(Locale.ROOT) : fromFileName();
        if (!List.of("csv", "tsv", "json").contains(kind)) {
            throw usage("unknown format '" + kind + "': give --format csv, tsv or json");
        }
        boolean delimited = !kind.equals("json");
        if (!delimited && (columnHeader || columns != null)) {
            throw usage("--column-header and --columns are for csv and tsv; JSON lines name their columns");
        }
        if (delimited && !columnHeader && columns == null) {
            throw usage("say where the column names are: --column-header (the first line) or --columns a,b,c");
        }
        if (columns != null) {
            ImportRows.checkNames(columns.stream().map(String::strip).toList(), problem -> usage("--columns "
                    + problem));
        }
        return kind;
    }

    private String fromFileName() {
        String name = file.toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        for (String[] ext : new String[][] {{".csv", "csv"}, {".tsv", "tsv"}, {".json", "json"},
            {".jsonl", "json"}, {".ndjson", "json"}}) {
            if (name.endsWith(ext[0])) {
                return ext[1];
            }
        }
        throw usage("cannot tell the format from the file name '" + file + "': give --format csv, tsv or json");
    }

    private Long fixedTime() {
        if (timeValue == null) {
            return null;
        }
        if (timeColumn != null) {
            throw usage("give --time-value or --time-column, not both");
        }
        try {
            return ImportTime.parseValue(timeValue);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ImportRows rows(String kind, InputStream in) throws IOException {
        if (kind.equals("json")) {
            return ImportRows.json(new JsonLinesReader(in, file));
        }
        DelimitedReader reader = new DelimitedReader(in, kind.equals("csv") ? ',' : '\t', file);
        List<String> header = columnHeader ? ImportRows.header(reader.next(), file) : null;
        List<String> names = columns != null ? columns.stream().map(String::strip).toList() : header;
        if (timeColumn != null && !names.isEmpty() && !names.contains(timeColumn)) {
            throw new CliException("--time-column '" + timeColumn + "' is not a column of " + file + " (columns: "
                    + String.join(", ", names) + ").", 2);
        }
        return ImportRows.delimited(reader, names, file);
    }

    /** The input, buffered, gunzipped when it starts as gzip does, without a UTF-8 byte-order mark. */
    private InputStream open() throws IOException {
        InputStream raw;
        try {
            raw = file.equals("-") ? session.in() : Files.newInputStream(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new CliException("Cannot read " + file + ": no such file.", 2);
        } catch (IOException e) {
            throw new CliException("Cannot read " + file + ": " + e.getMessage(), 2);
        }
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        if (startsWith(in, 0x1f, 0x8b)) {
            in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        if (startsWith(in, 0xEF, 0xBB, 0xBF)) {
            in.skipNBytes(3);
        }
        return in;
    }

    private static boolean startsWith(BufferedInputStream in, int... bytes) throws IOException {
        in.mark(bytes.length);
        try {
            for (int b : bytes) {
                if (in.read() != b) {
                    return false;
                }
            }
            return true;
        } finally {
            in.reset();
        }
    }

    private void createTable() {
        try {
            session.api().postForm(TableCommands.path("create", database, table) + "/log", Map.of());
            session.err().println("  table '" + database + "." + table + "' is created.");
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary file left behind is not worth failing the import for
        }
    }
}
