package io.tideway.query.runner;

import io.tideway.query.warehouse.Column;
import io.tideway.schemas.Destination;
import io.tideway.schemas.ResultEnd;
import io.tideway.schemas.ResultHeader;
import io.tideway.schemas.ResultMessage;
import io.tideway.schemas.RowBatch;
import io.tideway.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes a result on the results topic of its destination's scheme, keyed by job id: a header, the row
 * batches, an end marker. The caller holds these in its open transaction, so nothing is visible to a
 * read-committed writer until the whole result is. Every message of the job goes to the one partition the caller
 * chose for it ({@link ResultPartitions}), which spreads consecutive jobs evenly over the writers.
 */
final class KafkaResultTarget implements ResultTarget {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String jobId;
    private final String accountId;
    private final Destination destination;
    private final Integer partition;

    /** {@code partition} null leaves the choice to the producer's partitioner (by key). */
    KafkaResultTarget(Producer<String, byte[]> producer, String jobId, String accountId, Destination destination,
                      Integer partition) {
        this.producer = producer;
        this.partition = partition;
        this.topic = Topics.results(destination.getScheme());
        this.jobId = jobId;
        this.accountId = accountId;
        this.destination = destination;
    }

    @Override
    public void begin(List<Column> columns) {
        send(ResultHeader.newBuilder().setAccountId(accountId)
                .setColumnNames(columns.stream().map(Column::name).toList())
                .setColumnTypes(columns.stream().map(Column::tdType).toList())
                .setDestination(destination).build());
    }

    @Override
    public boolean wantsRows() {
        return false;
    }

    @Override
    public void batch(int sequence, List<List<Object>> rows) {
        send(RowBatch.newBuilder().setSequence(sequence).setRows(rows).build());
    }

    @Override
    public void encodedBatch(int sequence, byte[] message) {
        producer.send(new ProducerRecord<>(topic, partition, jobId, message));
    }

    @Override
    public void end(long rowCount, int batchCount) {
        send(ResultEnd.newBuilder().setRowCount(rowCount).setBatchCount(batchCount).build());
    }

    private void send(Object body) {
        ResultMessage message = ResultMessage.newBuilder().setJobId(jobId).setBody(body).build();
        producer.send(new ProducerRecord<>(topic, partition, jobId, Topics.RESULT_SERDE.encode(message)));
    }

    @Override
    public void discard() {
        // the aborted transaction takes the records with it
    }

    @Override
    public String describe() {
        return destination.getMaskedUrl() + " via " + topic;
    }
}
