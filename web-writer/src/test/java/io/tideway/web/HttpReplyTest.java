package io.tideway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.destination.DestinationUrl;
import io.tideway.writer.DeliveryException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading replies and reading result URLs as HTTP requests, without a network. */
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

    private static HttpReply read(String text) throws IOException {
        return HttpReply.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
