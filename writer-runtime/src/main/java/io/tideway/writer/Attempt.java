package io.tideway.writer;

import io.tideway.schemas.ResultEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at a job: a {@link Delivery} fed batch by batch, with the checks that the batches are the complete
 * result in order. Used the same way by the first, streaming attempt and by a retry that re-reads the job.
 */
final class Attempt {

    private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);

    private final DeliveryRequest request;
    private final Delivery delivery;
    private int nextSequence;
    private long rows;

    private Attempt(DeliveryRequest request, Delivery delivery) {
        this.request = request;
        this.delivery = delivery;
    }

    static Attempt open(Destination destination, DeliveryRequest request) throws DeliveryException {
        Delivery delivery;
        try {
            delivery = destination.open(request);
        } catch (RuntimeException e) {
            throw unexpected("opening", request, e);
        }
        if (delivery == null) {
            throw DeliveryException.permanent("The destination opened no delivery for job " + request.jobId()
                    + " to " + request.url().masked());
        }
        return new Attempt(request, delivery);
    }

    void write(ResultRecord batch) throws DeliveryException {
        if (batch.sequence() != nextSequence) {
            throw DeliveryException.permanent("Batch " + batch.sequence() + " of job " + request.jobId()
                    + " arrived where batch " + nextSequence + " was expected: the result on the topic is incomplete");
        }
        try {
            delivery.write(batch.rows());
        } catch (RuntimeException e) {
            throw unexpected("writing batch " + nextSequence, request, e);
        }
        nextSequence++;
        rows += batch.rows().size();
    }

    Receipt finish(ResultEnd end) throws DeliveryException {
        if (end.getBatchCount() != nextSequence || end.getRowCount() != rows) {
            throw DeliveryException.permanent("The result of job " + request.jobId() + " ended after " + nextSequence
                    + " batches and " + rows + " rows, but its end marker counts " + end.getBatchCount()
                    + " batches and " + end.getRowCount() + " rows: the result on the topic is incomplete");
        }
        try {
            return delivery.commit();
        } catch (RuntimeException e) {
            throw unexpected("committing", request, e);
        }
    }

    void abort() {
        try {
            delivery.abort();
        } catch (RuntimeException e) {
            LOG.warn("Aborting the delivery of job {} to {} failed", request.jobId(), request.url().masked(), e);
        }
    }

    private static DeliveryException unexpected(String doing, DeliveryRequest request, RuntimeException e) {
        LOG.error("The destination failed unexpectedly while {} job {}", doing, request.jobId(), e);
        return DeliveryException.permanent("The destination failed unexpectedly while " + doing + " job "
                + request.jobId() + " to " + request.url().masked() + ": "
                + request.url().masker().mask(String.valueOf(e)), e);
    }
}
