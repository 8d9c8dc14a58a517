package io.tideway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * The request body as the HTTP client sees it: JSON of unknown length, sent chunked, written by the client's
 * thread from the chunks a {@link BodyPipe} hands over as the rows arrive. Not repeatable: a retry is a new
 * delivery. {@link #sending()} completes when the client starts on the body, i.e. once it is connected (to a
 * guarded address, TLS verified) and has sent the head.
 */
final class StreamingBody extends AbstractHttpEntity {

    private final BodyPipe pipe;
    private final CompletableFuture<Void> sending = new CompletableFuture<>();
    private volatile boolean sent;

    StreamingBody(BodyPipe pipe) {
        super("application/json", null, true);
        this.pipe = pipe;
    }

    CompletableFuture<Void> sending() {
        return sending;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        sending.complete(null);
        for (byte[] chunk = pipe.take(); chunk != null; chunk = pipe.take()) {
            out.write(chunk);
        }
        sent = true;
    }

    /** Whether the whole body was written to the connection. */
    boolean sent() {
        return sent;
    }

    @Override
    public InputStream getContent() {
        throw new UnsupportedOperationException("The body is streamed: it can only be written, once");
    }

    @Override
    public long getContentLength() {
        return -1;
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public boolean isStreaming() {
        return true;
    }

    @Override
    public void close() {
        // nothing held: the pipe belongs to the upload
    }
}
