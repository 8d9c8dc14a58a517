package io.tideway.web;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.core5.http.impl.io.MonitoringResponseOutOfOrderStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The web-writer's HTTP client (Apache HttpClient 5, classic): hosts resolved only through the
 * {@link GuardedDnsResolver}, TLS trusting the configured authorities with standard SNI and host name checks, no
 * redirects, no automatic retries (the runtime retries), no cookies, no compression, the timeouts of the settings;
 * a reply that comes while the body is still being sent (413, 401) ends the sending and is read. Each exchange runs
 * on a thread of its own, so that the runtime's thread only hands it the body.
 */
final class WebClient implements AutoCloseable {

    /** Deliveries at once, all hosts together; each holds its connection from open to commit. */
    private static final int MAX_CONNECTIONS = 256;

    private final CloseableHttpClient http;
    private final ExecutorService exchanges;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    WebClient(WebSettings settings, SSLContext tls) {
        this(settings, tls, new AddressGuard(settings.allowedNetworks()));
    }

    /** A client whose hosts are resolved and judged by {@code guard}. */
    WebClient(WebSettings settings, SSLContext tls, AddressGuard guard) {
        this.connectTimeout = settings.connectTimeout();
        this.requestTimeout = settings.requestTimeout();
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(guard))
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .responseOutOfOrderStrategy(MonitoringResponseOutOfOrderStrategy.INSTANCE)
                                .responseParserFactory(DefaultHttpResponseParserFactory.INSTANCE) // strict
                                .build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout(connectTimeout))
                                .setSocketTimeout(timeout(requestTimeout))
                                .build())
                        .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(timeout(connectTimeout)).build())
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setExpectContinueEnabled(false)
                        .setConnectionRequestTimeout(timeout(connectTimeout))
                        .setResponseTimeout(timeout(requestTimeout))
                        .build())
                .setRequestExecutor(new EarlyReplyExecutor())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("tideway-web-writer")
                .build();
        AtomicInteger threads = new AtomicInteger();
        this.exchanges = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "web-writer-exchange-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    CloseableHttpClient http() {
        return http;
    }

    ExecutorService exchanges() {
        return exchanges;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    /** Cuts every exchange under way and releases the connections. */
    @Override
    public void close() {
        exchanges.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
    }

    private static Timeout timeout(Duration duration) {
        return Timeout.ofMilliseconds(duration.toMillis());
    }
}
