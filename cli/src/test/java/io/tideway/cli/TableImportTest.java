package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code td table:import}: what is sent (decoded from the gzip'd msgpack bodies), in how many chunks, and errors. */
class TableImportTest {

    static final String OK = "{\"database\":\"testdb\",\"table\":\"events\",\"elapsed_time\":0,\"md5_hex\":\"x\"}";

    /** Quotes with separators, doubled quotes and a line break inside, NULLs, Unicode, CRLF line ends. */
    static final String CSV = "id,name,note,score,code,ts\r\n"
            + "1,\"Smith, John\",\"He said \"\"hi\"\"\",1.5,007,1700000000\r\n"
            + "2,東京 🍣,,-3,\"42\",2023-11-14 22:13:21\r\n"
            + "3,\"\",\"line one\r\nline two\",1e3,+5,\"1700000002\"\r\n";

    @TempDir
    Path dir;

    private FakeTdServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeTdServer().sequenceUnder("PUT", Imports.PREFIX + "testdb/events/",
                FakeTdServer.jsonResponse(200, OK));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void importsCsvWithQuotesNullsAndUnicodeAsTypedMsgpackRows() throws IOException {
        Path file = write("events.csv", CSV);

        Td.Result result = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", file.toString(),
                "--column-header", "--time-column", "ts");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        FakeTdServer.Request put = server.requests().get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).matches("/v3/table/import_with_id/testdb/events/[0-9a-f]{32}/msgpack\\.gz");
        assertThat(put.contentType()).isEqualTo("application/octet-stream");
        assertThat(put.bodyBytes()).startsWith((byte) 0x1f, (byte) 0x8b);
        List<Map<String, Object>> rows = Imports.rows(put.bodyBytes());
        assertThat(rows).containsExactly(
                row("id", 1L, "name", "Smith, John", "note", "He said \"hi\"", "score", 1.5, "code", "007",
                        "ts", 1700000000L, "time", 1700000000L),
                row("id", 2L, "name", "東京 🍣", "note", null, "score", -3L, "code", "42",
                        "ts", "2023-11-14 22:13:21", "time", 1700000001L),
                row("id", 3L, "name", "", "note", "line one\r\nline two", "score", 1000.0, "code", "+5",
                        "ts", "1700000002", "time", 1700000002L));
        assertThat(rows.get(0).keySet()).containsExactly("id", "name", "note", "score", "code", "ts", "time");
        assertThat(server.requests()).hasSize(1);
        assertThat(result.stderr()).endsWith("  imported 3 rows from " + file + " into testdb.events.\n");
    }

    @Test
    void sendsOneRequestPerChunkEachWithItsOwnStableId() throws IOException {
        Path file = write("events.csv", CSV);
        String[] args = {"table:import", "testdb", "events", file.toString(), "--column-header", "-t", "ts",
            "--chunk-rows", "2"};

        Td.Result first = Td.run(Td.envFor(server, dir), args);
        Td.Result again = Td.run(Td.envFor(server, dir), args);

        assertThat(first.exitCode()).isZero();
        assertThat(again.exitCode()).isZero();
        List<FakeTdServer.Request> puts = server.requests();
        assertThat(puts).hasSize(4);
        assertThat(Imports.rows(puts.get(0).bodyBytes())).extracting(r -> r.get("id")).containsExactly(1L, 2L);
        assertThat(Imports.rows(puts.get(1).bodyBytes())).extracting(r -> r.get("id")).containsExactly(3L);
        assertThat(Imports.uniqueId(puts.get(0))).isNotEqualTo(Imports.uniqueId(puts.get(1)));
        assertThat(puts.get(2).path()).isEqualTo(puts.get(0).path());
        assertThat(puts.get(3).path()).isEqualTo(puts.get(1).path());
        assertThat(first.stderr()).isEqualTo("importing " + file + "...\n"
                + "  uploading rows 1-2 (" + puts.get(0).bodyBytes().length + " bytes)...\n"
                + "  uploading rows 3-3 (" + puts.get(1).bodyBytes().length + " bytes)...\n"
                + "  imported 3 rows from " + file + " into testdb.events.\n");
    }

    @Test
    void chunksHoldingTheSameRowsStillGetDifferentIds() throws IOException {
        Path file = write("same.csv", "a\n1\n1\n1\n1\n");

        Td.Result result = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", file.toString(),
                "--column-header", "--time-value", "1700000000", "--chunk-rows", "2");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).hasSize(2).extracting(Imports::uniqueId).doesNotHaveDuplicates();
        assertThat(Imports.rows(server.requests().get(1).bodyBytes()))
                .containsExactly(row("a", 1L, "time", 1700000000L), row("a", 1L, "time", 1700000000L));
    }

    @Test
    void retriesAChunkTheServerFailsWithTheSameIdAndBody() throws IOException {
        server.sequenceUnder("PUT", Imports.PREFIX + "testdb/events/",
                FakeTdServer.jsonResponse(503, "{\"error\":\"Unavailable\",\"text\":\"Import is busy\"}"),
                FakeTdServer.jsonResponse(200, OK));
        Path file = write("events.csv", CSV);

        Td.Result result = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", file.toString(),
                "--column-header", "-t", "ts");

        assertThat(result.exitCode()).isZero();
        List<FakeTdServer.Request> puts = server.requests();
        assertThat(puts).hasSize(2);
        assertThat(puts.get(1).path()).isEqualTo(puts.get(0).path());
        assertThat(puts.get(1).bodyBytes()).isEqualTo(puts.get(0).bodyBytes());
        assertThat(result.waits()).containsExactly(1000L);
        assertThat(result.stderr()).contains("  Import is busy. Trying again in 1s.\n");
    }

    @Test
    void aRefusedChunkStopsTheImportAndSaysWhatWasImported() throws IOException {
        server.sequenceUnder("PUT", Imports.PREFIX + "testdb/events/", FakeTdServer.jsonResponse(200, OK),
                FakeTdServer.jsonResponse(403, "{\"error\":\"Forbidden\",\"text\":\"Write-only keys may only import\"}"));
        Path file = write("events.csv", CSV);

        Td.Result result = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", file.toString(),
                "--column-header", "-t", "ts", "--chunk-rows", "2");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(server.requests()).hasSize(2);
        assertThat(result.stderr()).endsWith("Error: Importing rows 3-3 of 3 from " + file + " into testdb.events "
                + "failed: Write-only keys may only import. Rows 1-2 were imported; the rest were not.\n");
        assertThat(result.waits()).isEmpty();
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsNamesItsLineAndNothingIsSent() throws IOException {
        Path file = write("bad.csv", "a,b,c\n1,\"two\nlines\",3\n4,5\n");

        Td.Result result = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", file.toString(),
                "--column-header", "--chunk-rows", "1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).endsWith("Error: " + file + ", line 4: 2 fields, but there are 3 columns "
                + "(a, b, c). Nothing was imported.\n");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void badQuotingNamesItsLine() throws IOException {
        Path stray = write("stray.csv", "a,b\n1,2\n3,x\"y\n");
        Path unclosed = write("unclosed.csv", "a,b\n1,2\n3,\"open\n4,5\n");
        Path after = write("after.csv", "a,b\n1,\"x\"y\n");

        String strayErr = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", stray.toString(),
                "--column-header").stderr();
        String unclosedErr = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", unclosed.toString(),
                "--column-header").stderr();
        String afterErr = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", after.toString(),
                "--column-header").stderr();

        assertThat(strayErr).contains("Error: " + stray + ", line 3: field 2 has a quote but does not start with one");
        assertThat(unclosedErr).contains("Error: " + unclosed + ", line 3: a quoted field opened on this line is "
                + "not closed before the end of the file");
        assertThat(afterErr).contains("Error: " + after + ", line 2: 'y' after the closing quote of a field");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void invalidUtf8AndABadTimeNameTheirLines() throws IOException {
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "a\nok\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path badTime = write("time.csv", "a,ts\n1,1700000000\n2,yesterday\n");

        Td.Result utf8 = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", latin1.toString(),
                "--column-header");
        Td.Result time = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", badTime.toString(),
                "--column-header", "--time-column", "ts");

        assertThat(utf8.exitCode()).isEqualTo(1);
        assertThat(utf8.stderr()).contains("Error: " + latin1 + ", line 3: the text is not valid UTF-8.");
        assertThat(time.exitCode()).isEqualTo(1);
        assertThat(time.stderr()).contains("Error: " + badTime + ", line 3: the time column 'ts' holds "
                + "'yesterday', which is not a time");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void tsvWithGivenColumnsAndNoTimeGetsTheCurrentTime() throws IOException {
        Path file = write("plain.txt", "x\t\"a\tb\"\n\ty\n");
        long before = Instant.now().getEpochSecond();

        Td.Result result = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", file.toString(),
                "--format", "tsv", "--columns", "k,v");

        long after = Instant.now().getEpochSecond();
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<Map<String, Object>> rows = Imports.rows(server.requests().get(0).bodyBytes());
        assertThat(rows).extracting(r -> r.get("k"), r -> r.get("v")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("x", "a\tb"), org.assertj.core.groups.Tuple.tuple(null, "y"));
        assertThat(rows).allSatisfy(r -> assertThat((Long) r.get("time")).isBetween(before, after));
        assertThat(rows.get(0).get("time")).isEqualTo(rows.get(1).get("time"));
    }

    @Test
    void importsJsonLinesKeepingJsonTypesAndTheRowsOwnTime() throws IOException {
        Path file = write("events.jsonl", "{\"time\":1700000000,\"user\":\"ünï\",\"n\":12,\"f\":0.5,\"ok\":true,"
                + "\"tags\":[\"a\",1],\"attrs\":{\"k\":null},\"big\":123456789012345678901234567890}\n"
                + "\n"
                + "{\"time\":\"2023-11-14T22:13:21Z\",\"user\":null}\n");

        Td.Result result = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", file.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("k", null);
        assertThat(Imports.rows(server.requests().get(0).bodyBytes())).containsExactly(
                row("time", 1700000000L, "user", "ünï", "n", 12L, "f", 0.5, "ok", true, "tags", List.of("a", 1L),
                        "attrs", attrs, "big", "123456789012345678901234567890"),
                row("time", 1700000001L, "user", null));
    }

    @Test
    void aBadJsonLineNamesItsLine() throws IOException {
        Path file = write("events.json", "{\"a\":1}\n{\"a\":2\n");
        Path array = write("array.json", "{\"a\":1}\n\n[1,2]\n");

        Td.Result result = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", file.toString());
        Td.Result notObject = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", array.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("Error: " + file + ", line 2: not valid JSON");
        assertThat(notObject.stderr()).contains("Error: " + array + ", line 3: a JSON array where an object");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void readsAGzippedFile() throws IOException {
        Path file = dir.resolve("events.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a,time\n1,1700000000\n".getBytes(StandardCharsets.UTF_8));
        }

        Td.Result result = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", file.toString(),
                "--column-header");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Imports.rows(server.requests().get(0).bodyBytes()))
                .containsExactly(row("a", 1L, "time", 1700000000L));
    }

    @Test
    void autoCreateTableCreatesItFirstAndToleratesOneThatExists() throws IOException {
        server.sequence("POST", "/v3/table/create/testdb/events/log",
                FakeTdServer.jsonResponse(409, "{\"error\":\"Conflict\",\"text\":\"Table 'events' already exists\"}"));
        Path file = write("events.csv", "a\n1\n");

        Td.Result result = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", file.toString(),
                "--column-header", "--auto-create-table");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(server.requests()).extracting(FakeTdServer.Request::method).containsExactly("POST", "PUT");
    }

    @Test
    void usageErrorsSendNothing() throws IOException {
        Path csv = write("events.csv", "a\n1\n");
        Path other = write("events.dat", "a\n1\n");

        Td.Result noColumns = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", csv.toString());
        Td.Result noFormat = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", other.toString(),
                "--column-header");
        Td.Result both = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", csv.toString(),
                "--column-header", "--time-value", "1", "--time-column", "a");
        Td.Result unknownTime = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events", csv.toString(),
                "--column-header", "--time-column", "ts");
        Td.Result missing = Td.run(Td.envFor(server, dir), "table:import", "testdb", "events",
                dir.resolve("none.csv").toString(), "--column-header");

        assertThat(noColumns.exitCode()).isEqualTo(2);
        assertThat(noColumns.stderr()).startsWith("Error: say where the column names are: --column-header");
        assertThat(noFormat.exitCode()).isEqualTo(2);
        assertThat(noFormat.stderr()).startsWith("Error: cannot tell the format from the file name");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.stderr()).startsWith("Error: give --time-value or --time-column, not both");
        assertThat(unknownTime.exitCode()).isEqualTo(2);
        assertThat(unknownTime.stderr()).contains("Error: --time-column 'ts' is not a column of " + csv
                + " (columns: a).");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("no such file");
        assertThat(server.requests()).isEmpty();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
