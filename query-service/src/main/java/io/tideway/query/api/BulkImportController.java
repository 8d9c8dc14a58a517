package io.tideway.query.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tideway.query.accounts.Caller;
import io.tideway.query.warehouse.BulkImportSession;
import io.tideway.query.warehouse.BulkImports;
import io.tideway.query.warehouse.Warehouses;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Staged import in Treasure Data's bulk-import session shape, the contract the td-writer delivers through:
 * <ul>
 *   <li>{@code POST /v3/bulk_import/create/{session}/{db}/{table}}: 200 {@code {"bulk_import":session}}; again on an
 *       uncommitted session for the same table, 200 and its parts are kept (a redelivery re-uploads them by name); on a committed one, 409 with
 *       {@code details.conflicts_with} = session.</li>
 *   <li>{@code PUT /v3/bulk_import/upload_part/{session}/{part}}: body gzip of msgpack maps; the same part name
 *       again replaces the part. Staged parts are not visible in the table.</li>
 *   <li>{@code POST /v3/bulk_import/commit/{session}?mode=append|replace}: every part in one DuckDB transaction
 *       that also marks the session committed; a committed session answers 200 with
 *       {@code "already_committed":true} and changes nothing. Replace needs a master key (403 otherwise).</li>
 *   <li>{@code GET /v3/bulk_import/show/{session}}, {@code POST /v3/bulk_import/delete/{session}} (drops staged
 *       parts).</li>
 * </ul>
 * Unknown sessions are 404. Write-only keys may use all of these but a replacing commit.
 */
@Controller("/v3/bulk_import")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN,
        MediaType.APPLICATION_OCTET_STREAM})
public class BulkImportController {

    private final Warehouses warehouses;

    public BulkImportController(Warehouses warehouses) {
        this.warehouses = warehouses;
    }

    @Post("/create/{session}/{database}/{table}")
    public Map<String, Object> create(HttpRequest<?> request, String session, String database, String table) {
        bulkImports(request).create(session, database, table);
        return Map.of("bulk_import", session);
    }

    @Put("/upload_part/{session}/{part}")
    @Consumes(MediaType.ALL)
    public Map<String, Object> uploadPart(HttpRequest<?> request, String session, String part,
                                          @Body InputStream body) {
        long records = bulkImports(request).uploadPart(session, part, body);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bulk_import", session);
        out.put("part_name", part);
        out.put("valid_records", records);
        return out;
    }

    @Post("/commit/{session}")
    public Map<String, Object> commit(HttpRequest<?> request, String session,
                                      @Nullable @Body Map<String, Object> body) {
        BulkImports.Mode mode = mode(Params.of(request, body).get("mode"));
        Caller caller = ApiKeyFilter.caller(request);
        if (mode == BulkImports.Mode.REPLACE && caller.isWriteOnly()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", ApiKeyFilter.WRITE_ONLY_REFUSAL
                    + "a commit with mode=replace");
        }
        BulkImports.Commit commit = bulkImports(request).commit(session, mode);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bulk_import", session);
        out.put("status", commit.session().status());
        out.put("already_committed", commit.alreadyCommitted());
        out.put("database", commit.session().database());
        out.put("table", commit.session().table());
        out.put("valid_records", commit.session().validRecords());
        return out;
    }

    @Get("/show/{session}")
    public Map<String, Object> show(HttpRequest<?> request, String session) {
        BulkImportSession s = bulkImports(request).show(session);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("database", s.database());
        out.put("table", s.table());
        out.put("status", s.status());
        out.put("parts", s.parts());
        out.put("valid_records", s.validRecords());
        return out;
    }

    @Post("/delete/{session}")
    public Map<String, Object> delete(HttpRequest<?> request, String session) {
        bulkImports(request).delete(session);
        return Map.of("bulk_import", session);
    }

    private BulkImports bulkImports(HttpRequest<?> request) {
        return warehouses.bulkImports(ApiKeyFilter.account(request).id());
    }

    private static BulkImports.Mode mode(String mode) {
        String m = mode == null || mode.isBlank() ? "append" : mode.strip().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "append" -> BulkImports.Mode.APPEND;
            case "replace" -> BulkImports.Mode.REPLACE;
            default -> throw ApiException.badRequest("Mode '" + mode + "' is not supported; use mode=append or "
                    + "mode=replace");
        };
    }
}
