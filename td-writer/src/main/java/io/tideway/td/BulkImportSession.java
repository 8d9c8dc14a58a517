package io.tideway.td;

import io.tideway.writer.DeliveryException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One job's import session at the target, {@code tideway_<jobId>}, through TD's bulk-import calls: created (a
 * redelivery that finds it open gets it started over, or keeps its parts, and uploads every part again under the
 * same names, which replace them), filled part by part, then committed into the table in one idempotent step. A 409 says the session was committed already:
 * the job was delivered before, by an earlier attempt or another writer.
 */
final class BulkImportSession {

    private static final String API = "/v3/bulk_import/";

    private final TdClient client;
    private final TdTarget target;
    private final TdFailures failures;

    BulkImportSession(TdClient client, TdTarget target) {
        this.client = client;
        this.target = target;
        this.failures = new TdFailures(target);
    }

    TdTarget target() {
        return target;
    }

    TdFailures failures() {
        return failures;
    }

    /**
     * {@code POST /v3/bulk_import/create/{session}/{db}/{table}}.
     *
     * @return false when the session is open (new, or left by an earlier attempt), true when it was committed
     *         already (409)
     */
    boolean create() throws DeliveryException {
        String doing = "create the import session " + target.session() + " for " + target.tableName() + " at";
        TdReply reply = call(doing, () -> client.post(target,
                API + "create/" + target.session() + "/" + target.database() + "/" + target.table()));
        if (reply.status() == 409) {
            return true;
        }
        throwIfFailed(failures.ofCreate(doing, reply));
        return false;
    }

    /**
     * {@code PUT /v3/bulk_import/upload_part/{session}/{part}} of a gzip'd msgpack file.
     *
     * @return false when the session was committed meanwhile (409), by another delivery of the same job
     */
    boolean upload(String part, Path file) throws DeliveryException {
        String doing = "upload " + part + " of the import session " + target.session() + " to";
        TdReply reply = call(doing, () -> client.put(target, API + "upload_part/" + target.session() + "/" + part, file));
        if (reply.status() == 409) {
            return false;
        }
        throwIfFailed(failures.of(doing, reply));
        return true;
    }

    /** {@code POST /v3/bulk_import/commit/{session}?mode=append|replace}; a session committed already is fine. */
    void commit() throws DeliveryException {
        String doing = "commit the import session " + target.session() + " into " + target.tableName() + " at";
        TdReply reply = call(doing, () -> client.post(target,
                API + "commit/" + target.session() + "?mode=" + target.mode()));
        if (reply.status() != 409) {
            throwIfFailed(failures.of(doing, reply));
        }
    }

    /** The rows a committed session put into the table: {@code valid_records} of {@code GET …/show/{session}}. */
    long committedRows() throws DeliveryException {
        String doing = "look up the committed import session " + target.session() + " at";
        TdReply reply = call(doing, () -> client.get(target, API + "show/" + target.session()));
        throwIfFailed(failures.of(doing, reply));
        String rows = reply.field("valid_records").orElse("");
        try {
            return (long) Double.parseDouble(rows);
        } catch (NumberFormatException e) {
            throw failures.unexpected(doing, reply, "the reply has no valid_records count");
        }
    }

    /** {@code POST /v3/bulk_import/delete/{session}}, best effort: an attempt given up leaves no parts behind. */
    void deleteQuietly() {
        try {
            client.post(target, API + "delete/" + target.session());
        } catch (IOException | RuntimeException e) {
            // best effort: an open session is started over, or replaced part by part, by the next attempt
        }
    }

    private TdReply call(String doing, Call call) throws DeliveryException {
        try {
            return call.run();
        } catch (IOException e) {
            throw failures.io(doing, e);
        }
    }

    private static void throwIfFailed(DeliveryException failure) throws DeliveryException {
        if (failure != null) {
            throw failure;
        }
    }

    private interface Call {
        TdReply run() throws IOException;
    }
}
