package io.tideway.web;

import java.io.IOException;
import java.net.SocketAddress;
import javax.net.ssl.SSLSession;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Reads the reply of a server that answers before it has taken the whole body and then closes (413, 401): the
 * client notices the reply between chunks and stops sending, but the server's close makes sending (or flushing what
 * was buffered) fail; when a reply is waiting, that failure is ignored and the reply read, so the writer can say
 * why the server refused rather than "broken pipe".
 */
final class EarlyReplyExecutor extends HttpRequestExecutor {

    private static final Timeout REPLY_WAIT = Timeout.ofSeconds(1);

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection connection,
                                       HttpResponseInformationCallback informationCallback, HttpContext context)
            throws IOException, HttpException {
        return super.execute(request, new Tolerant(connection), informationCallback, context);
    }

    /** A connection whose sending may fail once a reply is waiting. */
    private static final class Tolerant implements HttpClientConnection {

        private final HttpClientConnection connection;

        Tolerant(HttpClientConnection connection) {
            this.connection = connection;
        }

        @Override
        public void sendRequestEntity(ClassicHttpRequest request) throws HttpException, IOException {
            try {
                connection.sendRequestEntity(request);
            } catch (IOException e) {
                if (!replyWaiting()) {
                    throw e;
                }
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                connection.flush();
            } catch (IOException e) {
                if (!replyWaiting()) {
                    throw e;
                }
            }
        }

        private boolean replyWaiting() {
            try {
                return connection.isDataAvailable(REPLY_WAIT);
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public boolean isConsistent() {
            return connection.isConsistent();
        }

        @Override
        public void sendRequestHeader(ClassicHttpRequest request) throws HttpException, IOException {
            connection.sendRequestHeader(request);
        }

        @Override
        public void terminateRequest(ClassicHttpRequest request) throws HttpException, IOException {
            connection.terminateRequest(request);
        }

        @Override
        public ClassicHttpResponse receiveResponseHeader() throws HttpException, IOException {
            return connection.receiveResponseHeader();
        }

        @Override
        public void receiveResponseEntity(ClassicHttpResponse response) throws HttpException, IOException {
            connection.receiveResponseEntity(response);
        }

        @Override
        public boolean isDataAvailable(Timeout timeout) throws IOException {
            return connection.isDataAvailable(timeout);
        }

        @Override
        public boolean isStale() throws IOException {
            return connection.isStale();
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }

        @Override
        public void close(CloseMode mode) {
            connection.close(mode);
        }

        @Override
        public EndpointDetails getEndpointDetails() {
            return connection.getEndpointDetails();
        }

        @Override
        public SocketAddress getLocalAddress() {
            return connection.getLocalAddress();
        }

        @Override
        public SocketAddress getRemoteAddress() {
            return connection.getRemoteAddress();
        }

        @Override
        public ProtocolVersion getProtocolVersion() {
            return connection.getProtocolVersion();
        }

        @Override
        public SSLSession getSSLSession() {
            return connection.getSSLSession();
        }

        @Override
        public boolean isOpen() {
            return connection.isOpen();
        }

        @Override
        public Timeout getSocketTimeout() {
            return connection.getSocketTimeout();
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            connection.setSocketTimeout(timeout);
        }
    }
}
