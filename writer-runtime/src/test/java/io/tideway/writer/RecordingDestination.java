package io.tideway.writer;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * An in-memory destination for testing the runtime: records what each job delivered and how often it was opened,
 * committed and aborted, and fails on command.
 */
final class RecordingDestination implements Destination {

    private final Map<String, List<List<Object>>> delivered = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> opens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> commits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> aborts = new ConcurrentHashMap<>();
    private final Map<String, Deque<DeliveryException>> openFailures = new ConcurrentHashMap<>();
    private final Map<String, Deque<DeliveryException>> writeFailures = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, Integer> beforeWrite = (jobId, batch) -> { };

    /** The next opens of the job fail with these, one each. */
    void failOpen(String jobId, DeliveryException... failures) {
        openFailures.computeIfAbsent(jobId, j -> new ConcurrentLinkedDeque<>()).addAll(List.of(failures));
    }

    /** The second batch written by the next attempts of the job fails with these, one each. */
    void failSecondBatch(String jobId, DeliveryException... failures) {
        writeFailures.computeIfAbsent(jobId, j -> new ConcurrentLinkedDeque<>()).addAll(List.of(failures));
    }

    /** Called with the job id and batch index (from 0) before each write. */
    void beforeWrite(BiConsumer<String, Integer> hook) {
        this.beforeWrite = hook;
    }

    List<List<Object>> delivered(String jobId) {
        return delivered.get(jobId);
    }

    int opens(String jobId) {
        return count(opens, jobId);
    }

    int commits(String jobId) {
        return count(commits, jobId);
    }

    int aborts(String jobId) {
        return count(aborts, jobId);
    }

    private static int count(Map<String, AtomicInteger> counts, String jobId) {
        AtomicInteger count = counts.get(jobId);
        return count == null ? 0 : count.get();
    }

    private static void increment(Map<String, AtomicInteger> counts, String jobId) {
        counts.computeIfAbsent(jobId, j -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public Delivery open(DeliveryRequest request) throws DeliveryException {
        String jobId = request.jobId();
        increment(opens, jobId);
        DeliveryException failure = poll(openFailures, jobId);
        if (failure != null) {
            throw failure;
        }
        return new Delivery() {
            private final List<List<Object>> rows = new ArrayList<>();
            private int batches;

            @Override
            public void write(List<List<Object>> batch) throws DeliveryException {
                beforeWrite.accept(jobId, batches);
                if (batches == 1) {
                    DeliveryException writeFailure = poll(writeFailures, jobId);
                    if (writeFailure != null) {
                        throw writeFailure;
                    }
                }
                batches++;
                batch.forEach(row -> rows.add(new ArrayList<>(row)));
            }

            @Override
            public Receipt commit() {
                delivered.put(jobId, new ArrayList<>(rows));
                increment(commits, jobId);
                return new Receipt(rows.size(), rows.size() * 10L, 0);
            }

            @Override
            public void abort() {
                increment(aborts, jobId);
            }
        };
    }

    private static DeliveryException poll(Map<String, Deque<DeliveryException>> failures, String jobId) {
        Deque<DeliveryException> queue = failures.get(jobId);
        return queue == null ? null : queue.poll();
    }
}
