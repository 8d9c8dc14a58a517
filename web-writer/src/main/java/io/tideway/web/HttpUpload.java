package io.tideway.web;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * One HTTP/1.1 request whose body is streamed as it is produced, by the {@link WebClient} on a thread of its own,
 * on a connection of its own that is closed after the reply. The caller writes the body to {@link #body()}; full
 * chunks go to the client's thread through a bounded {@link BodyPipe}, so memory stays bounded and a server that
 * stops taking data fails the write after the request timeout.
 */
final class HttpUpload implements AutoCloseable {

    static final int CHUNK_SIZE = 64 * 1024;
    private static final int CHUNKS_IN_FLIGHT = 4;

    private final HttpUriRequestBase request;
    private final StreamingBody entity;
    private final BodyPipe pipe;
    private final Body body;
    private final CompletableFuture<HttpReply> reply;
    private final Duration requestTimeout;

    private HttpUpload(HttpUriRequestBase request, StreamingBody entity, BodyPipe pipe,
                       CompletableFuture<HttpReply> reply, Duration requestTimeout) {
        this.request = request;
        this.entity = entity;
        this.pipe = pipe;
        this.body = new Body(pipe);
        this.reply = reply;
        this.requestTimeout = requestTimeout;
    }

    /** Starts the exchange and returns once the client is connected and sending the body, or has failed to. */
    static HttpUpload start(HttpTarget target, WebClient client, List<String> extraHeaders) throws IOException {
        BodyPipe pipe = new BodyPipe(CHUNKS_IN_FLIGHT, client.requestTimeout());
        StreamingBody entity = new StreamingBody(pipe);
        HttpUriRequestBase request = new HttpUriRequestBase(target.method(), URI.create(target.requestTarget()));
        request.setHeader("Host", target.hostHeader());
        request.setHeader("Connection", "close");
        target.authorization().ifPresent(value -> request.setHeader("Authorization", value));
        for (String header : extraHeaders) {
            int colon = header.indexOf(':');
            request.setHeader(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        request.setEntity(entity);
        HttpHost host = new HttpHost(target.secure() ? "https" : "http", target.tlsHost(), target.port());
        CompletableFuture<HttpReply> reply = new CompletableFuture<>();
        client.exchanges().execute(() -> exchange(client, host, request, pipe, reply));
        HttpUpload upload = new HttpUpload(request, entity, pipe, reply, client.requestTimeout());
        // Leasing, connecting and the TLS handshake are each bounded by the connect timeout.
        upload.await(CompletableFuture.anyOf(entity.sending(), reply), client.connectTimeout().multipliedBy(3),
                "No connection");
        return upload;
    }

    /** The request body; bytes written to it go out chunk by chunk. */
    OutputStream body() {
        return body;
    }

    /** Bytes of body written so far. */
    long bodyBytes() {
        return body.bytes;
    }

    /** Ends the body and waits, at most the request timeout without progress, until the client has taken it all. */
    void endBody() throws IOException {
        body.finish();
    }

    /** Waits for the reply to the whole request: the client's response timeout applies, then this bound. */
    HttpReply reply() throws IOException {
        return await(reply, requestTimeout.plusSeconds(1), "No reply");
    }

    /** Whether the client sent the whole body; false when the server replied (and so stopped it) before. */
    boolean bodySent() {
        return entity.sent();
    }

    /**
     * The reply a server sent before taking the whole body (e.g. 413 or 401, then closing), if it sent one within
     * {@code wait}; called after sending failed, to say why better than "connection reset".
     */
    HttpReply earlyReply(Duration wait) throws IOException {
        return await(reply, wait, "No reply");
    }

    /** Cuts the connection at once; a body not yet finished stays, to the server, an incomplete request. */
    @Override
    public void close() {
        request.cancel(); // first: the connection goes before the client could end the body it was sending
        pipe.cancel();
    }

    private static void exchange(WebClient client, HttpHost host, HttpUriRequestBase request, BodyPipe pipe,
                                 CompletableFuture<HttpReply> reply) {
        try {
            CloseableHttpResponse response = client.http().execute(host, request, (HttpContext) null);
            try {
                reply.complete(HttpReply.of(response));
            } finally {
                request.cancel(); // the rest of the reply is not wanted: close rather than read it
                closeQuietly(response);
            }
        } catch (Throwable e) {
            reply.completeExceptionally(e);
        } finally {
            pipe.senderGone();
        }
    }

    private <T> T await(CompletableFuture<T> future, Duration timeout, String what) throws IOException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new SocketTimeoutException(what + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + what + " yet", e);
        } catch (ExecutionException e) {
            throw explained(e.getCause());
        }
    }

    /** The client's failure, in words that say what the server did. */
    private static IOException explained(Throwable failure) {
        if (failure instanceof NoHttpResponseException) {
            EOFException eof = new EOFException("The server closed the connection without a reply");
            eof.initCause(failure);
            return eof;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.hc.core5.http.ProtocolException
                    || t instanceof org.apache.hc.core5.http.ParseException) {
                return new IOException("The server's reply is not HTTP: " + t.getMessage(), failure);
            }
        }
        return failure instanceof IOException io ? io : new IOException(String.valueOf(failure), failure);
    }

    private static void closeQuietly(CloseableHttpResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection is discarded anyway
        }
    }

    /** The caller's side of the body: fills a chunk, hands it over when full. */
    private static final class Body extends OutputStream {

        private final BodyPipe pipe;
        private byte[] chunk = new byte[CHUNK_SIZE];
        private int buffered;
        private long bytes;
        private boolean finished;

        Body(BodyPipe pipe) {
            this.pipe = pipe;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (buffered == CHUNK_SIZE) {
                    handOver();
                }
                int n = Math.min(len, CHUNK_SIZE - buffered);
                System.arraycopy(b, off, chunk, buffered, n);
                buffered += n;
                bytes += n;
                off += n;
                len -= n;
            }
        }

        /** Does nothing: chunks go when full, so that a flush of a small buffer upstream sends no tiny chunk. */
        @Override
        public void flush() {
        }

        void finish() throws IOException {
            if (!finished) {
                handOver();
                pipe.end();
                finished = true;
            }
        }

        private void handOver() throws IOException {
            if (buffered > 0) {
                pipe.put(buffered == CHUNK_SIZE ? chunk : Arrays.copyOf(chunk, buffered));
                chunk = new byte[CHUNK_SIZE];
                buffered = 0;
            }
        }
    }
}
