package io.tideway.query.warehouse;

/**
 * A {@link RowSink} that can take VARCHAR cells as their UTF-8 bytes: when {@link #takesUtf8Strings} answers true,
 * the warehouse has DuckDB hand those over as bytes ({@code encode(column)}) and passes each as a {@code byte[]}
 * holding the UTF-8 of the string, rather than decoding it into a String the sink would only encode again. Every
 * other cell is as {@link RowSink} says.
 */
public interface Utf8StringSink extends RowSink {

    boolean takesUtf8Strings();
}
