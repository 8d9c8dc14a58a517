package io.tideway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.destination.DestinationUrl;
import io.tideway.writer.DeliveryException;
import io.tideway.writer.service.TrustStoreSettings;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading replies, as the web-writer's client gets them from a server on loopback, and result URLs as HTTP requests. */
class HttpReplyTest {

    @Test
    void skipsInterimRepliesAndReadsTheStartOfAChunkedBody() throws IOException {
        HttpReply reply = read("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 30\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n7;ext=1\r\n  world\r\n0\r\n\r\n");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.statusText()).isEqualTo("503 Service Unavailable");
        assertThat(reply.header("RETRY-AFTER")).contains("30");
        assertThat(reply.excerpt()).isEqualTo("hello world");
    }

    @Test
    void cutsTheExcerptAt200Characters() throws IOException {
        String body = "é".repeat(300);
        HttpReply reply = read("HTTP/1.1 400 Bad Request\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body);

        assertThat(reply.excerpt()).isEqualTo("é".repeat(200) + "…");
    }

    @Test
    void saysWhenTheServerClosedWithoutAReply() {
        assertThatThrownBy(() -> read("")).isInstanceOf(EOFException.class)
                .hasMessage("The server closed the connection without a reply");
        assertThatThrownBy(() -> read("SSH-2.0-OpenSSH\r\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("not HTTP");
    }

    @Test
    void readsAResultUrlAsAnHttpRequest() throws DeliveryException {
        HttpTarget plain = HttpTarget.of(DestinationUrl.parse("web://example.com/a b/ü?method=POST&k=v w"));
        assertThat(plain.method()).isEqualTo("POST");
        assertThat(plain.port()).isEqualTo(80);
        assertThat(plain.requestTarget()).isEqualTo("/a%20b/%C3%BC?k=v%20w");
        assertThat(plain.hostHeader()).isEqualTo("example.com");
        assertThat(plain.authorization()).isEmpty();

        HttpTarget secure = HttpTarget.of(DestinationUrl.parse("webs://u:p@[::1]:8443"));
        assertThat(secure.secure()).isTrue();
        assertThat(secure.requestTarget()).isEqualTo("/");
        assertThat(secure.hostHeader()).isEqualTo("[::1]:8443");
        assertThat(secure.tlsHost()).isEqualTo("::1");
        assertThat(secure.hostIsAddress()).isTrue();
        assertThat(HttpTarget.of(DestinationUrl.parse("webs://example.com/x")).hostHeader()).isEqualTo("example.com");
    }

    /** The reply the web-writer's client reads from a server that answers a request with {@code text}, then closes. */
    private static HttpReply read(String text) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             WebClient client = new WebClient(WebSettings.DEFAULTS.withAllowedNetworks("127.0.0.0/8"),
                     TrustStoreSettings.NONE.sslContext())) {
            Thread server = new Thread(() -> answerOnce(listener, text));
            server.start();
            HttpUpload upload = HttpUpload.start(target("web://127.0.0.1:" + listener.getLocalPort() + "/in"), client,
                    List.of());
            try {
                upload.endBody();
                return upload.reply();
            } finally {
                upload.close();
                join(server);
            }
        }
    }

    /** Reads a request with an empty chunked body, answers {@code text}, and closes. */
    private static void answerOnce(ServerSocket listener, String text) {
        try (Socket socket = listener.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                request.write(in.read());
            }
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpTarget target(String url) {
        try {
            return HttpTarget.of(DestinationUrl.parse(url));
        } catch (DeliveryException e) {
            throw new AssertionError(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
