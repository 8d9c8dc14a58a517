package io.tideway.web;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 request whose body is streamed as it is produced, on a connection of its own to an address the
 * caller has checked (the host is never resolved again here, so what was checked is what is reached), closed after
 * the reply. Over TLS the certificate is verified against the URL's host name, which is also sent as SNI.
 *
 * <p>Writes happen on the caller's thread, straight to the socket: the server's pace is the only back-pressure and
 * nothing but one chunk is ever buffered. A socket write cannot time out by itself, so each one is watched: when
 * the server takes no data for the request timeout, the watchdog closes the socket and the write fails.
 */
final class HttpUpload implements AutoCloseable {

    private final Socket socket;
    private final ChunkedBody body;
    private final Duration requestTimeout;
    private final ScheduledExecutorService watchdog;
    private final AtomicBoolean timedOut = new AtomicBoolean();

    private HttpUpload(Socket socket, Duration requestTimeout, ScheduledExecutorService watchdog) throws IOException {
        this.socket = socket;
        this.requestTimeout = requestTimeout;
        this.watchdog = watchdog;
        this.body = new ChunkedBody(new WatchedOutput(socket.getOutputStream()));
    }

    /** Connects to the first of {@code addresses} that answers and sends the request head. */
    static HttpUpload start(HttpTarget target, List<InetAddress> addresses, Connector connector) throws IOException {
        Socket socket = connect(addresses, target.port(), connector.connectTimeout());
        try {
            if (target.secure()) {
                socket = handshake(socket, target, connector);
            }
            socket.setSoTimeout((int) connector.requestTimeout().toMillis());
            HttpUpload upload = new HttpUpload(socket, connector.requestTimeout(), connector.watchdog());
            upload.sendHead(target, connector.extraHeaders());
            return upload;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** The request body; bytes written to it go out chunk by chunk. */
    OutputStream body() {
        return body;
    }

    /** Bytes of body sent or buffered so far. */
    long bodyBytes() {
        return body.bytes();
    }

    /** Ends the body and waits, at most the request timeout, for the reply. */
    HttpReply finish() throws IOException {
        body.finish();
        return readReply(requestTimeout);
    }

    /**
     * The reply a server sent before taking the whole body (e.g. 413 or 401, then closing), if it sent one within
     * {@code wait}; called after sending failed, to say why better than "connection reset".
     */
    HttpReply earlyReply(Duration wait) throws IOException {
        return readReply(wait);
    }

    /** Closes the connection at once; a body not yet finished stays, to the server, an incomplete request. */
    @Override
    public void close() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(socket);
    }

    private void sendHead(HttpTarget target, List<String> extraHeaders) throws IOException {
        StringBuilder head = new StringBuilder()
                .append(target.method()).append(' ').append(target.requestTarget()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.hostHeader()).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Transfer-Encoding: chunked\r\n")
                .append("Connection: close\r\n");
        target.authorization().ifPresent(value -> head.append("Authorization: ").append(value).append("\r\n"));
        extraHeaders.forEach(header -> head.append(header).append("\r\n"));
        byte[] bytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        watched(() -> socket.getOutputStream().write(bytes), requestTimeout);
    }

    private HttpReply readReply(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        InputStream in = new BufferedInputStream(socket.getInputStream());
        return watched(() -> HttpReply.read(in), wait);
    }

    private static Socket connect(List<InetAddress> addresses, int port, Duration timeout) throws IOException {
        IOException failure = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true); // ChunkedBody writes whole chunks; small ones must not wait
                socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                IOException named = new IOException(address.getHostAddress() + " port " + port + ": " + e, e);
                if (failure == null) {
                    failure = named;
                } else {
                    failure.addSuppressed(named);
                }
            }
        }
        throw failure == null ? new IOException("no address to connect to") : failure;
    }

    private static Socket handshake(Socket plain, HttpTarget target, Connector connector) throws IOException {
        SSLSocket tls = (SSLSocket) connector.tls().createSocket(plain, target.tlsHost(), target.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!target.hostIsAddress()) {
            parameters.setServerNames(List.of(new SNIHostName(target.tlsHost())));
        }
        tls.setSSLParameters(parameters);
        tls.setSoTimeout((int) connector.connectTimeout().toMillis());
        tls.startHandshake();
        return tls;
    }

    private <T> T watched(IoCall<T> call, Duration timeout) throws IOException {
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            timedOut.set(true);
            close();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return call.run();
        } catch (IOException e) {
            if (timedOut.get()) {
                SocketTimeoutException stalled = new SocketTimeoutException("The server made no progress for "
                        + timeout.toSeconds() + " s");
                stalled.initCause(e);
                throw stalled;
            }
            throw e;
        } finally {
            alarm.cancel(false);
        }
    }

    private void watched(IoRun run, Duration timeout) throws IOException {
        watched(() -> {
            run.run();
            return null;
        }, timeout);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    private interface IoCall<T> {
        T run() throws IOException;
    }

    private interface IoRun {
        void run() throws IOException;
    }

    /** The socket's output, each write watched for progress. */
    private final class WatchedOutput extends OutputStream {

        private final OutputStream out;

        WatchedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            watched(() -> out.write(b), requestTimeout);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            watched(() -> out.write(b, off, len), requestTimeout);
        }

        @Override
        public void flush() throws IOException {
            watched(out::flush, requestTimeout);
        }
    }

    /**
     * How connections are made.
     *
     * @param connectTimeout longest wait for a connection and its TLS handshake
     * @param requestTimeout longest wait for the server to take data or to reply
     * @param tls            makes TLS sockets, trusting the configured authorities
     * @param watchdog       runs the timers that close stalled connections
     * @param extraHeaders   further request headers, {@code Name: value}
     */
    record Connector(Duration connectTimeout, Duration requestTimeout, SSLSocketFactory tls,
                     ScheduledExecutorService watchdog, List<String> extraHeaders) {

        Connector withHeader(String header) {
            List<String> headers = new java.util.ArrayList<>(extraHeaders);
            headers.add(header);
            return new Connector(connectTimeout, requestTimeout, tls, watchdog, List.copyOf(headers));
        }
    }
}
