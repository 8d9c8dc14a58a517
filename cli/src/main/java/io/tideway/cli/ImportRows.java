package io.tideway.cli;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The records of a file to import, each a column → value map in the file's column order. */
interface ImportRows {

    /** The next record, or {@code null} at the end. */
    Map<String, Object> next() throws IOException;

    /** The line the last record came from. */
    long line();

    /** JSON lines, values as JSON typed them. */
    static ImportRows json(JsonLinesReader reader) {
        return new ImportRows() {
            @Override
            public Map<String, Object> next() throws IOException {
                return reader.next();
            }

            @Override
            public long line() {
                return reader.line();
            }
        };
    }

    /** CSV or TSV with the given column names (the first record skipped when it is a header). */
    static ImportRows delimited(DelimitedReader reader, List<String> columns, String file) {
        return new ImportRows() {
            @Override
            public Map<String, Object> next() throws IOException {
                List<DelimitedReader.Cell> cells = reader.next();
                if (cells == null) {
                    return null;
                }
                if (cells.size() != columns.size()) {
                    throw new BadLineException(file, reader.recordLine(), cells.size() + (cells.size() == 1
                            ? " field" : " fields") + ", but there are " + columns.size() + " columns ("
                            + String.join(", ", columns) + ")");
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < cells.size(); i++) {
                    row.put(columns.get(i), cells.get(i).value());
                }
                return row;
            }

            @Override
            public long line() {
                return reader.recordLine();
            }
        };
    }

    /** The header record's fields as column names: each present and different. */
    static List<String> header(List<DelimitedReader.Cell> cells, String file) {
        if (cells == null) {
            return List.of();
        }
        List<String> names = cells.stream().map(c -> c.text().strip()).toList();
        checkNames(names, problem -> new BadLineException(file, 1, "the header " + problem));
        return names;
    }

    static void checkNames(List<String> names, Function<String, RuntimeException> error) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                throw error.apply("has no name for column " + (i + 1));
            }
            if (!seen.add(names.get(i))) {
                throw error.apply("names column '" + names.get(i) + "' twice");
            }
        }
    }
}
