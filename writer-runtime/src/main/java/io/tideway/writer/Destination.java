package io.tideway.writer;

/**
 * Where results of one URL scheme are delivered: the one class a writer implements, the way a Kafka Connect sink
 * implements {@code SinkTask}. The {@link WriterRuntime} owns everything else: it consumes the scheme's results
 * topic, reassembles each job's batches in order, retries, commits consumer offsets and reports job events. A
 * destination never sees a consumer, an offset or any Kafka type.
 *
 * <p>The runtime uses one instance for all jobs and calls it from several threads at once (the consumer thread
 * for a first attempt, retry threads for later ones), so an implementation must be thread-safe; the simplest way
 * is to keep all per-job state in the {@link Delivery} it returns, which is only ever used by one thread at a time.
 *
 * <p>For each job, and for each attempt at delivering it, the runtime calls:
 * <ol>
 *   <li>{@link #open(DeliveryRequest)} once, when the job's header arrives;</li>
 *   <li>{@link Delivery#write(java.util.List)} with each batch of rows, in the order the query produced them;</li>
 *   <li>{@link Delivery#commit()} after the last batch: the whole result becomes visible at the destination in
 *       one final step; or {@link Delivery#abort()} instead, at any point, when the attempt is given up.</li>
 * </ol>
 *
 * <p>Delivery is at least once: the runtime commits its consumer offsets only after {@code commit()} has returned
 * and the delivery has been reported, so a writer that dies at any moment delivers the job again from the start.
 * {@code commit()} must therefore be idempotent for a job id: delivering the same job twice leaves the destination
 * as if it had been delivered once (rename over the same file name, PUT to the same URL, an import keyed by job
 * id). Nothing written before {@code commit()} may be visible as a result.
 *
 * <p>Failures are {@link DeliveryException}s, and the destination decides whether one is
 * {@linkplain DeliveryException#retriable() retriable}, since only it understands its protocol (an FTP 4xx reply
 * or an I/O error is; a 5xx reply is not). On a retriable failure the runtime aborts the attempt and, after a
 * bounded exponential backoff, starts a new one from {@code open}; a failure that carries a
 * {@linkplain DeliveryException#retryAfter() suggested delay} (a server's {@code Retry-After}) waits at least that
 * long, up to the policy's longest backoff. On a permanent failure, or when the attempts
 * are used up, the job ends in {@code DELIVERY_FAILED} with the exception's message. Any other exception thrown by
 * a destination is treated as a permanent failure of the job. Messages must never hold a secret in clear: use
 * {@link io.tideway.destination.DestinationUrl#masked()} and {@link io.tideway.destination.DestinationUrl#masker()}.
 */
public interface Destination {

    /**
     * Starts delivering one job's result: connect, authenticate, prepare a place that nobody sees yet (a temporary
     * file, a staging table). Called once per attempt, on the thread that will then use the returned delivery.
     *
     * @param request the job, its unsealed destination URL and the result's columns
     * @return the delivery that receives the rows of this attempt
     * @throws DeliveryException when the destination cannot be reached or refuses the job
     */
    Delivery open(DeliveryRequest request) throws DeliveryException;
}
