package io.tideway.writer;

import io.tideway.destination.DestinationUrl;
import java.util.List;

/**
 * What a {@link Destination} needs to open a delivery.
 *
 * @param jobId       the job whose result this is; stable across attempts and re-deliveries, so it may key an
 *                    idempotent final step or name a temporary object
 * @param accountId   the account that owns the job
 * @param url         the destination URL, unsealed: it holds secrets; print it only as {@link DestinationUrl#masked()}
 * @param columnNames the result's column names, in order
 * @param columnTypes the result's column types, Treasure Data names (string, long, double, boolean, array&lt;...&gt;)
 */
public record DeliveryRequest(String jobId, String accountId, DestinationUrl url, List<String> columnNames,
                              List<String> columnTypes) {

    public DeliveryRequest {
        columnNames = List.copyOf(columnNames);
        columnTypes = List.copyOf(columnTypes);
    }
}
