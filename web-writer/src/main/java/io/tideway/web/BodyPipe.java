package io.tideway.web;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-off of a request body from the thread that produces it (the runtime's, through
 * {@link HttpUpload#body()}) to the thread that sends it (the HTTP client's, in {@link StreamingBody}). At most
 * {@code capacity} chunks wait; a producer that finds no room waits for the sender, at most the timeout without
 * progress, so a server that stops taking data stalls the delivery for a bounded time, never for ever.
 */
final class BodyPipe {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final int capacity;
    private final Duration timeout;
    private long taken;
    private boolean ended;
    private boolean cancelled;
    private boolean senderGone;

    BodyPipe(int capacity, Duration timeout) {
        this.capacity = capacity;
        this.timeout = timeout;
    }

    /** Hands a chunk to the sender, waiting for room while the sender makes progress. */
    void put(byte[] chunk) throws IOException {
        lock.lock();
        try {
            awaitUntil(() -> chunks.size() < capacity);
            chunks.add(chunk);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The body is complete; waits, while the sender makes progress, until it has taken every chunk. */
    void end() throws IOException {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
            awaitUntil(chunks::isEmpty);
        } finally {
            lock.unlock();
        }
    }

    /** The body will never be complete: the sender fails, so the server sees an incomplete request. */
    void cancel() {
        lock.lock();
        try {
            cancelled = true;
            chunks.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next chunk to send, or null once the body is complete; waits for the producer. */
    byte[] take() throws IOException {
        lock.lock();
        try {
            while (chunks.isEmpty() && !ended && !cancelled) {
                changed.await();
            }
            if (cancelled) {
                throw new IOException("The delivery was given up before the body was complete");
            }
            byte[] chunk = chunks.poll();
            taken++;
            changed.signalAll();
            return chunk;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the body");
        } finally {
            lock.unlock();
        }
    }

    /** The sender stopped (the exchange ended, early or in failure): producers must not wait for it any more. */
    void senderGone() {
        lock.lock();
        try {
            senderGone = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitUntil(BooleanSupplier done) throws IOException {
        long left = timeout.toNanos();
        long progress = taken;
        try {
            while (!done.getAsBoolean() && !senderGone && !cancelled) {
                if (left <= 0) {
                    throw new SocketTimeoutException("The server took no data for " + timeout.toMillis() + " ms");
                }
                left = changed.awaitNanos(left);
                if (taken != progress) {
                    progress = taken;
                    left = timeout.toNanos();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while sending the body");
        }
        if (cancelled) {
            throw new IOException("The delivery was given up");
        }
        if (senderGone && !done.getAsBoolean()) {
            throw new IOException("The exchange with the server ended before the body was sent");
        }
    }
}
