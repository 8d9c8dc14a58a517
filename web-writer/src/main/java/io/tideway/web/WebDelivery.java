package io.tideway.web;

import io.tideway.writer.Delivery;
import io.tideway.writer.DeliveryException;
import io.tideway.writer.Receipt;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * One attempt: the rows go into the request body as they arrive, up to the row limit; the rest is only counted.
 * The server sees a complete request only when {@link #commit()} ends the body; {@link #abort()} cuts the
 * connection before that, which leaves the server an incomplete request to discard.
 */
final class WebDelivery implements Delivery {

    /** How long a server that failed to take the body may take to say why. */
    private static final Duration EARLY_REPLY_WAIT = Duration.ofSeconds(5);

    private final HttpUpload upload;
    private final JsonBody json;
    private final WebFailures failures;
    private final long maxRows;
    private long rows;
    private long dropped;

    WebDelivery(HttpUpload upload, JsonBody json, WebFailures failures, long maxRows) {
        this.upload = upload;
        this.json = json;
        this.failures = failures;
        this.maxRows = maxRows;
    }

    @Override
    public void write(List<List<Object>> batch) throws DeliveryException {
        try {
            for (List<Object> row : batch) {
                if (rows < maxRows) {
                    json.row(row);
                    rows++;
                } else {
                    dropped++;
                }
            }
        } catch (IOException e) {
            throw sendingFailed(e);
        } catch (JsonBody.BadCellException e) {
            throw failures.badCell(e);
        }
    }

    @Override
    public Receipt commit() throws DeliveryException {
        try {
            json.finish();
            upload.endBody();
        } catch (IOException e) {
            throw sendingFailed(e);
        }
        HttpReply reply;
        try {
            reply = upload.reply();
        } catch (IOException e) {
            throw failures.io("get the reply to the result from", e);
        } finally {
            upload.close();
        }
        DeliveryException failure = failures.of(reply);
        if (failure != null) {
            throw failure;
        }
        if (!upload.bodySent()) {
            throw failures.earlySuccess(reply);
        }
        return new Receipt(rows, upload.bodyBytes(), dropped);
    }

    @Override
    public void abort() {
        upload.close();
    }

    /** Sending failed: the server may have said why before it stopped taking the body (413, 401, ...). */
    private DeliveryException sendingFailed(IOException e) {
        try {
            HttpReply reply = upload.earlyReply(EARLY_REPLY_WAIT);
            DeliveryException failure = failures.of(reply);
            return failure != null ? failure : failures.earlySuccess(reply);
        } catch (IOException noReply) {
            return failures.io("send the result to", e);
        }
    }
}
