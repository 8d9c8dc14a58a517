package io.tideway.query.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tideway.query.warehouse.Imports;
import io.tideway.query.warehouse.Warehouses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Treasure Data's streaming import: {@code PUT /v3/table/import/{db}/{table}/msgpack.gz} and, idempotent by the
 * caller's id, {@code PUT /v3/table/import_with_id/{db}/{table}/{unique_id}/msgpack.gz}. The body (gzip of msgpack
 * maps) is decoded as it arrives; the answer is td-client-java's {@code TDImportResult}.
 */
@Controller("/v3/table")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ImportController {

    private static final String FORMAT = "msgpack.gz";

    private final Warehouses warehouses;

    public ImportController(Warehouses warehouses) {
        this.warehouses = warehouses;
    }

    @Put("/import/{database}/{table}/{format}")
    @Consumes(MediaType.ALL)
    public Map<String, Object> importRecords(HttpRequest<?> request, String database, String table, String format,
                                             @Body InputStream body) {
        return run(request, database, table, null, format, body);
    }

    @Put("/import_with_id/{database}/{table}/{uniqueId}/{format}")
    @Consumes(MediaType.ALL)
    public Map<String, Object> importWithId(HttpRequest<?> request, String database, String table, String uniqueId,
                                            String format, @Body InputStream body) {
        return run(request, database, table, uniqueId, format, body);
    }

    private Map<String, Object> run(HttpRequest<?> request, String database, String table, String uniqueId,
                                    String format, InputStream body) {
        if (!FORMAT.equals(format)) {
            throw ApiException.badRequest("Import format '" + format + "' is not supported; send msgpack.gz "
                    + "(gzip-compressed msgpack maps, one per record)");
        }
        long started = System.nanoTime();
        Imports imports = warehouses.imports(ApiKeyFilter.account(request).id());
        DigestInputStream digesting = new DigestInputStream(body, md5());
        imports.importRecords(database, table, uniqueId, digesting);
        drain(digesting);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("database", database);
        out.put("table", table);
        out.put("elapsed_time", (System.nanoTime() - started) / 1_000_000_000L);
        out.put("unique_id", uniqueId);
        out.put("md5_hex", HexFormat.of().formatHex(digesting.getMessageDigest().digest()));
        return out;
    }

    private static void drain(InputStream in) {
        try {
            in.transferTo(OutputStreamNull.INSTANCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rest of the import body: " + e.getMessage(), e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    /** Where the unread rest of a body goes once its digest is all that is wanted. */
    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
            // discarded
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // discarded
        }
    }
}
