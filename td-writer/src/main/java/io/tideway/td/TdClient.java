package io.tideway.td;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.FileEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The td-writer's HTTP client (Apache HttpClient 5, classic), shared by all deliveries: TLS trusting the configured
 * authorities with the standard host name check, the key as {@code Authorization: TD1 <key>}, the timeouts of the
 * settings, no redirects, no automatic retries (the runtime retries whole deliveries), no cookies. Every call reads
 * its (small) reply whole and gives the connection back.
 */
final class TdClient implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 256;
    private static final ContentType OCTET_STREAM = ContentType.create("application/octet-stream");

    private final CloseableHttpClient http;

    TdClient(TdSettings settings, SSLContext tls) {
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout(settings.connectTimeout()))
                                .setSocketTimeout(timeout(settings.requestTimeout()))
                                .build())
                        .setDefaultTlsConfig(TlsConfig.custom()
                                .setHandshakeTimeout(timeout(settings.connectTimeout())).build())
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setExpectContinueEnabled(false)
                        .setConnectionRequestTimeout(timeout(settings.connectTimeout()))
                        .setResponseTimeout(timeout(settings.requestTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("tideway-td-writer")
                .build();
    }

    /** {@code POST} with an empty body to {@code pathAndQuery} of the target's API. */
    TdReply post(TdTarget target, String pathAndQuery) throws IOException {
        HttpPost post = new HttpPost(target.baseUri() + pathAndQuery);
        post.setEntity(new ByteArrayEntity(new byte[0], null)); // Content-Length: 0, no Content-Type
        return execute(target, post);
    }

    /** {@code GET} of {@code pathAndQuery}. */
    TdReply get(TdTarget target, String pathAndQuery) throws IOException {
        return execute(target, new HttpGet(target.baseUri() + pathAndQuery));
    }

    /** {@code PUT} of a file as {@code application/octet-stream}, with its length. */
    TdReply put(TdTarget target, String pathAndQuery, Path file) throws IOException {
        HttpPut put = new HttpPut(target.baseUri() + pathAndQuery);
        put.setEntity(new FileEntity(file.toFile(), OCTET_STREAM));
        return execute(target, put);
    }

    private TdReply execute(TdTarget target, HttpUriRequestBase request) throws IOException {
        request.setHeader("Authorization", "TD1 " + target.apiKey());
        return http.execute(request, TdReply::of);
    }

    /** Cuts calls under way and releases the connections. */
    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }

    private static Timeout timeout(Duration duration) {
        return Timeout.ofMilliseconds(duration.toMillis());
    }
}
