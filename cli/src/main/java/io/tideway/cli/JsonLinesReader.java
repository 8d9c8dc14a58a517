package io.tideway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads JSON lines: one object per line, values kept as JSON types (integers as long, other numbers as double;
 * an integer too large for a long as text). Blank lines are skipped; every error names its line.
 */
final class JsonLinesReader {

    private static final ObjectReader STRICT = TdApi.JSON.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final InputStream in;
    private final String file;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long line;

    /** {@code in} should be buffered. */
    JsonLinesReader(InputStream in, String file) {
        this.in = in;
        this.file = file;
    }

    long line() {
        return line;
    }

    /** The next record, or {@code null} at the end of the input. */
    Map<String, Object> next() throws IOException {
        while (readLine()) {
            if (isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = STRICT.readTree(buffer.toByteArray());
            } catch (JsonProcessingException e) {
                throw new BadLineException(file, line, "not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (!node.isObject()) {
                throw new BadLineException(file, line, "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT)
                        + " where an object ({\"column\": value, ...}) is expected");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) value(node);
            return record;
        }
        return null;
    }

    private boolean readLine() throws IOException {
        buffer.reset();
        int c = in.read();
        if (c < 0) {
            return false;
        }
        line++;
        while (c >= 0 && c != '\n') {
            if (buffer.size() >= DelimitedReader.MAX_FIELD_BYTES) {
                throw new BadLineException(file, line, "the line is longer than "
                        + (DelimitedReader.MAX_FIELD_BYTES >> 20) + " MB");
            }
            buffer.write(c);
            c = in.read();
        }
        return true;
    }

    private boolean isBlank() {
        for (byte b : buffer.toByteArray()) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    static Object value(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return null;
        } else if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.asLong() : node.asText();
        } else if (node.isNumber()) {
            return node.asDouble();
        } else if (node.isBoolean()) {
            return node.asBoolean();
        } else if (node.isTextual()) {
            return node.asText();
        } else if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(value(element)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            map.put(field.getKey(), value(field.getValue()));
        }
        return map;
    }
}
