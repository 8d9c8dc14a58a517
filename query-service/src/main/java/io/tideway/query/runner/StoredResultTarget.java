package io.tideway.query.runner;

import io.tideway.query.results.StoredResults;
import io.tideway.query.warehouse.Column;
import java.util.List;

/** Keeps a result with its job, for {@code job/result}, when the job has no destination. */
final class StoredResultTarget implements ResultTarget {

    private final StoredResults.Writer writer;

    StoredResultTarget(StoredResults results, String jobId) {
        this.writer = results.writer(jobId);
    }

    @Override
    public void begin(List<Column> columns) {
        // the columns travel in the QUERY_FINISHED event
    }

    @Override
    public void batch(int sequence, List<List<Object>> rows) {
        writer.write(rows);
    }

    @Override
    public void end(long rowCount, int batchCount) {
        writer.commit();
    }

    @Override
    public void discard() {
        writer.discard();
    }

    @Override
    public String describe() {
        return "the stored result";
    }
}
