package io.tideway.query.warehouse;

import java.util.List;

/**
 * Receives a query's result as the engine streams it: the columns once, then each row. A sink may throw to stop
 * the query (for instance when the job was killed); the exception reaches the caller of
 * {@link QueryEngine#run} unchanged.
 */
public interface RowSink {

    void columns(List<Column> columns);

    /** One row; cells are null, Boolean, Long, Double or String (see {@link Cells}). The list is not reused. */
    void row(List<Object> cells);
}
