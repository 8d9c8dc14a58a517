package io.tideway.query.compacted;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a reader thread has applied its topic, for callers that must wait until it has read past a record they
 * produced (a view that answers from what it read, read-your-writes). The reader publishes its consumer's
 * positions after each poll, or its failure; waiters block on this object.
 */
public final class ReadPositions {

    private final String reader;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private RuntimeException failure;

    /** @param reader what reads, as a failure names it, e.g. "The job-status view" */
    public ReadPositions(String reader) {
        this.reader = reader;
    }

    /** Called by the reader thread after applying a poll's records. */
    public synchronized void advance(Consumer<?, ?> consumer) {
        for (TopicPartition tp : consumer.assignment()) {
            positions.put(tp, consumer.position(tp));
        }
        notifyAll();
    }

    /** Called by the reader thread when it stops on an error: waiters fail with it instead of timing out. */
    public synchronized void failed(RuntimeException e) {
        failure = e;
        notifyAll();
    }

    public synchronized boolean hasFailed() {
        return failure != null;
    }

    /**
     * Waits until every partition given has been read up to (not including) its offset; false on timeout.
     *
     * @throws IllegalStateException the reader stopped on an error
     */
    public synchronized boolean await(Map<TopicPartition, Long> targets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(targets)) {
            if (failure != null) {
                throw new IllegalStateException(reader + " stopped: " + failure.getMessage(), failure);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        return targets.entrySet().stream().allMatch(t -> positions.getOrDefault(t.getKey(), 0L) >= t.getValue());
    }
}
