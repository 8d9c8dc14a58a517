package io.tideway.td;

import io.tideway.writer.Delivery;
import io.tideway.writer.DeliveryException;
import io.tideway.writer.DeliveryRequest;
import io.tideway.writer.Destination;
import io.tideway.writer.service.TrustStoreSettings;
import java.time.Instant;

/**
 * Delivers a result into a table of a Tideway (or Treasure Data-shaped) account, {@code td://APIKEY@host[:port]/db/table
 * [?mode=append|replace][&https=true]}, through that account's bulk-import API with {@code Authorization: TD1 <key>}:
 * <ol>
 *   <li>{@code POST /v3/bulk_import/create/tideway_<jobId>/{db}/{table}}: 200 opens the job's session (also one an
 *       earlier attempt left open); 409 says it was committed before, so the job is done and nothing is uploaded;</li>
 *   <li>{@code PUT /v3/bulk_import/upload_part/{session}/part-NNNNN} of gzip'd msgpack rows ({@link RowPacker}),
 *       one part per {@link TdSettings#partRows()} rows or {@link TdSettings#partBytes()} bytes, each built in a
 *       temporary file ({@link Part}) and uploaded as soon as it is full;</li>
 *   <li>{@code POST /v3/bulk_import/commit/{session}?mode=append|replace}, the one step that makes the rows visible,
 *       idempotent for the session;</li>
 *   <li>on giving up, {@code POST /v3/bulk_import/delete/{session}}, best effort.</li>
 * </ol>
 * {@link TdFailures} says which replies may pass. The result's {@code time} column, or the time the attempt started in
 * Unix seconds when the result has none, is each row's {@code time}.
 */
public final class TdDestination implements Destination, AutoCloseable {

    private final TdSettings settings;
    private final TdClient client;
    private final String description;

    public TdDestination(TdSettings settings, TrustStoreSettings trustStore) {
        this.settings = settings;
        this.description = settings + ", " + trustStore;
        this.client = new TdClient(settings, trustStore.sslContext());
    }

    @Override
    public Delivery open(DeliveryRequest request) throws DeliveryException {
        TdTarget target = TdTarget.of(request.url(), request.jobId(), request.columnNames());
        BulkImportSession session = new BulkImportSession(client, target);
        boolean committedBefore = session.create();
        RowPacker rows = new RowPacker(request.columnNames(), request.columnTypes(), Instant.now().getEpochSecond());
        return new TdDelivery(session, rows, settings, committedBefore);
    }

    @Override
    public String toString() {
        return "TD bulk import (" + description + ")";
    }

    /** Cuts calls under way and releases the connections. */
    @Override
    public void close() {
        client.close();
    }
}
