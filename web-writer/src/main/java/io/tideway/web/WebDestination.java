package io.tideway.web;

import io.tideway.writer.Delivery;
import io.tideway.writer.DeliveryException;
import io.tideway.writer.DeliveryRequest;
import io.tideway.writer.Destination;
import io.tideway.writer.service.TrustStoreSettings;
import java.io.IOException;
import java.util.List;

/**
 * Delivers a result as one JSON document ({@link JsonBody}) by HTTP PUT, or POST with {@code ?method=post}, to
 * {@code web://[user:pass@]host[:port]/path} (HTTP) or {@code webs://…} (HTTPS), with basic authentication when the
 * URL gives a user and a password. The body is streamed as the rows arrive, never held whole. At most
 * {@link WebSettings#maxRows()} rows are sent; the rest are counted as dropped on the receipt.
 *
 * <p>The HTTP client ({@link WebClient}) resolves hosts only through the {@link GuardedDnsResolver}, which has every
 * address checked by the {@link AddressGuard}; the connection goes to a checked address, with the URL's host name in
 * {@code Host}, SNI and the certificate check.
 * A 2xx reply delivers; {@link WebFailures} says what else means. Delivering again is a PUT of the same document
 * to the same URL; with POST the receiver may tell a repeat by the {@code X-Tideway-Job-Id} header.
 */
public final class WebDestination implements Destination, AutoCloseable {

    private final WebSettings settings;
    private final WebClient client;
    private final String description;

    public WebDestination(WebSettings settings, TrustStoreSettings trustStore) {
        this.settings = settings;
        this.description = settings + ", " + trustStore;
        this.client = new WebClient(settings, trustStore.sslContext());
    }

    @Override
    public Delivery open(DeliveryRequest request) throws DeliveryException {
        HttpTarget target = HttpTarget.of(request.url());
        WebFailures failures = new WebFailures(request.url(), target.method());
        HttpUpload upload;
        try {
            upload = HttpUpload.start(target, client,
                    List.of("X-Tideway-Job-Id: " + request.jobId().replaceAll("[^\\x21-\\x7e]", "_")));
        } catch (GuardedDnsResolver.RefusedHostException e) {
            throw failures.refused(e);
        } catch (IOException e) {
            throw failures.io("connect to", e);
        }
        try {
            JsonBody json = new JsonBody(upload.body(), request.columnNames(), request.columnTypes());
            return new WebDelivery(upload, json, failures, settings.maxRows());
        } catch (IOException e) {
            upload.close();
            throw failures.io("send the result to", e);
        }
    }

    @Override
    public String toString() {
        return "HTTP(S) (" + description + ")";
    }

    /** Cuts deliveries under way and releases the connections. */
    @Override
    public void close() {
        client.close();
    }
}
