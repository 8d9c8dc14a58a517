package io.tideway.query.runner;

import io.tideway.query.warehouse.Column;
import java.util.List;

/** Where a job's result goes while it is produced: a results topic, or a result file kept with the job. */
interface ResultTarget {

    void begin(List<Column> columns);

    void batch(int sequence, List<List<Object>> rows);

    void end(long rowCount, int batchCount);

    /** The job stopped before {@link #end}: drop whatever was written outside the Kafka transaction. */
    void discard();

    /** The masked destination, for logs. */
    String describe();
}
