package io.tideway.query.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.MediaType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.msgpack.core.MessagePacker;

/**
 * The formats of {@code job/result}: csv (RFC 4180, CRLF, no header line, NULL empty), tsv (tab separated, with
 * tab, newline, carriage return and backslash escaped as \t \n \r \\), json (one JSON array per row and line),
 * msgpack (one MessagePack array per row), msgpack.gz (the same, gzip-compressed, served without
 * Content-Encoding so clients see the gzip bytes).
 */
enum ResultFormat {
    CSV("csv", MediaType.of("text/csv")),
    TSV("tsv", MediaType.of("text/tab-separated-values")),
    JSON("json", MediaType.APPLICATION_JSON_TYPE),
    MSGPACK("msgpack", MediaType.APPLICATION_OCTET_STREAM_TYPE),
    MSGPACK_GZ("msgpack.gz", MediaType.APPLICATION_OCTET_STREAM_TYPE);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String parameter;
    private final MediaType mediaType;

    ResultFormat(String parameter, MediaType mediaType) {
        this.parameter = parameter;
        this.mediaType = mediaType;
    }

    static ResultFormat of(String name) {
        String wanted = name == null || name.isBlank() ? "tsv" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.parameter.equals(wanted)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("Result format '" + name + "' is not supported; use one of "
                        + Arrays.stream(values()).map(f -> f.parameter).collect(Collectors.joining(", "))));
    }

    MediaType mediaType() {
        return mediaType;
    }

    /** Whether the format tells numbers from text (json, msgpack); csv and tsv do not. */
    boolean hasNumbers() {
        return this == JSON || this == MSGPACK || this == MSGPACK_GZ;
    }

    boolean gzip() {
        return this == MSGPACK_GZ;
    }

    /** Writes one row to {@code out}. */
    void write(List<Object> row, OutputStream out, MessagePacker msgPack) throws IOException {
        switch (this) {
            case CSV -> out.write(line(row, ",", ResultFormat::csvField, "\r\n"));
            case TSV -> out.write(line(row, "\t", ResultFormat::tsvField, "\n"));
            case JSON -> {
                out.write(json(row));
                out.write('\n');
            }
            case MSGPACK, MSGPACK_GZ -> RowPacker.row(msgPack, row);
        }
    }

    private static byte[] line(List<Object> row, String separator, java.util.function.Function<String, String> field,
                               String end) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            Object cell = row.get(i);
            out.append(cell == null ? "" : field.apply(cell.toString()));
        }
        return out.append(end).toString().getBytes(StandardCharsets.UTF_8);
    }

    static String csvField(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0
                || (!s.isEmpty() && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))));
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String tsvField(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static byte[] json(List<Object> row) {
        try {
            return MAPPER.writeValueAsBytes(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a row as JSON: " + e.getMessage(), e);
        }
    }
}
