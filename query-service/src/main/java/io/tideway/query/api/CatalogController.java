package io.tideway.query.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tideway.query.warehouse.Column;
import io.tideway.query.warehouse.DatabaseInfo;
import io.tideway.query.warehouse.QueryEngine;
import io.tideway.query.warehouse.TableInfo;
import io.tideway.query.warehouse.TdTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Databases and tables in Treasure Data's shapes. */
@Controller("/v3")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CatalogController {

    private final QueryEngine engine;

    public CatalogController(QueryEngine engine) {
        this.engine = engine;
    }

    @Get("/database/list")
    public Map<String, Object> databases(HttpRequest<?> request) {
        ApiKeyFilter.account(request);
        return Map.of("databases", engine.databases().stream().map(CatalogController::database).toList());
    }

    @Get("/table/list/{database}")
    public Map<String, Object> tables(HttpRequest<?> request, String database) {
        ApiKeyFilter.account(request);
        if (engine.database(database).isEmpty()) {
            throw ApiException.notFound("Couldn't find database '" + database + "'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("database", database);
        out.put("tables", engine.tables(database).stream().map(CatalogController::table).toList());
        return out;
    }

    private static Map<String, Object> database(DatabaseInfo db) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", db.name());
        m.put("name", db.name());
        m.put("count", db.rowCount());
        m.put("created_at", "");
        m.put("updated_at", "");
        m.put("organization", null);
        m.put("permission", "administrator");
        return m;
    }

    private static Map<String, Object> table(TableInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.database() + "." + t.name());
        m.put("name", t.name());
        m.put("type", "log");
        m.put("schema", schema(t.columns()));
        m.put("count", t.rowCount());
        m.put("estimated_storage_size", 0);
        m.put("last_log_timestamp", "");
        m.put("expire_days", null);
        m.put("created_at", "");
        m.put("updated_at", "");
        m.put("counter_updated_at", "");
        m.put("include_v", false);
        return m;
    }

    /** The table schema as Treasure Data writes it: JSON text of [[name, type], ...] in its table grammar. */
    static String schema(List<Column> columns) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            out.append(i > 0 ? "," : "").append("[").append(Json.quote(c.name())).append(",")
                    .append(Json.quote(TdTypes.forTableSchema(c.tdType()))).append("]");
        }
        return out.append("]").toString();
    }
}
