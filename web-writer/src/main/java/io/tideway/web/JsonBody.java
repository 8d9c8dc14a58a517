package io.tideway.web;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/**
 * Writes a result as {@code {"column_names":[…],"column_types":[…],"data":[[…],…]}}, row by row, to a stream:
 * numbers as numbers, NULL as null, booleans as booleans, strings as strings, and the JSON text of array and map
 * cells as embedded JSON (checked, so that the body stays valid JSON whatever a cell holds).
 */
final class JsonBody {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8) // 😀 as UTF-8, not as \uD83D\uDE00
            .build();

    private final JsonGenerator json;
    private final List<String> names;
    private final boolean[] embedded;
    private long row;

    JsonBody(OutputStream out, List<String> names, List<String> types) throws IOException {
        this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
        this.names = names;
        this.embedded = new boolean[types.size()];
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i).strip().toLowerCase(Locale.ROOT);
            embedded[i] = type.startsWith("array") || type.startsWith("map");
        }
        json.writeStartObject();
        writeStrings("column_names", names);
        writeStrings("column_types", types);
        json.writeArrayFieldStart("data");
    }

    void row(List<Object> cells) throws IOException, BadCellException {
        json.writeStartArray();
        for (int i = 0; i < cells.size(); i++) {
            cell(i, cells.get(i));
        }
        json.writeEndArray();
        row++;
    }

    /** Ends the document and hands every byte to the stream. */
    void finish() throws IOException {
        json.writeEndArray();
        json.writeEndObject();
        json.close();
    }

    private void cell(int column, Object value) throws IOException, BadCellException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Double d) {
            json.writeNumber(d);
        } else if (value instanceof Float f) {
            json.writeNumber(f);
        } else if (value instanceof String s && column < embedded.length && embedded[column]) {
            embed(column, s);
        } else {
            json.writeString(value.toString());
        }
    }

    private void embed(int column, String text) throws IOException, BadCellException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new BadCellException(names, column, row, "is empty");
            }
            json.copyCurrentStructure(parser);
            if (parser.nextToken() != null) {
                throw new BadCellException(names, column, row, "has more than one JSON value");
            }
        } catch (StreamReadException e) {
            throw new BadCellException(names, column, row, "is not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private void writeStrings(String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /** A cell of an array or map column that does not hold JSON, against the result's contract. */
    static final class BadCellException extends Exception {

        BadCellException(List<String> names, int column, long row, String why) {
            super("The " + (column < names.size() ? "'" + names.get(column) + "'" : "#" + (column + 1))
                    + " cell of row " + (row + 1) + " " + why);
        }
    }
}
