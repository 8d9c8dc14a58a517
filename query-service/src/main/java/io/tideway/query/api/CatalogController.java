package io.tideway.query.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tideway.query.warehouse.Catalog;
import io.tideway.query.warehouse.Column;
import io.tideway.query.warehouse.DatabaseInfo;
import io.tideway.query.warehouse.QueryEngine;
import io.tideway.query.warehouse.TableInfo;
import io.tideway.query.warehouse.TdTypes;
import io.tideway.query.warehouse.Warehouses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Databases and tables of the caller's account in Treasure Data's shapes. */
@Controller("/v3")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN,
        MediaType.APPLICATION_OCTET_STREAM})
public class CatalogController {

    private final Warehouses warehouses;

    public CatalogController(Warehouses warehouses) {
        this.warehouses = warehouses;
    }

    @Get("/database/list")
    public Map<String, Object> databases(HttpRequest<?> request) {
        return Map.of("databases", warehouse(request).databases().stream().map(CatalogController::database).toList());
    }

    @Get("/database/show/{database}")
    public Map<String, Object> showDatabase(HttpRequest<?> request, String database) {
        return database(warehouse(request).database(database)
                .orElseThrow(() -> ApiException.notFound("Couldn't find database '" + database + "'")));
    }

    @Post("/database/create/{database}")
    public Map<String, Object> createDatabase(HttpRequest<?> request, String database) {
        catalog(request).createDatabase(database);
        return Map.of("database", database);
    }

    @Post("/database/delete/{database}")
    public Map<String, Object> deleteDatabase(HttpRequest<?> request, String database) {
        catalog(request).deleteDatabase(database);
        return Map.of("database", database);
    }

    @Get("/table/list/{database}")
    public Map<String, Object> tables(HttpRequest<?> request, String database) {
        QueryEngine warehouse = warehouse(request);
        if (!warehouse.databaseExists(database)) {
            throw ApiException.notFound("Couldn't find database '" + database + "'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("database", database);
        out.put("tables", warehouse.tables(database).stream().map(CatalogController::table).toList());
        return out;
    }

    @Get("/table/show/{database}/{table}")
    public Map<String, Object> showTable(HttpRequest<?> request, String database, String table) {
        QueryEngine warehouse = warehouse(request);
        if (!warehouse.databaseExists(database)) {
            throw ApiException.notFound("Couldn't find database '" + database + "'");
        }
        return table(warehouse.table(database, table).orElseThrow(() -> ApiException.notFound(
                "Couldn't find table '" + table + "' in database '" + database + "'")));
    }

    @Post("/table/create/{database}/{table}{/type}")
    public Map<String, Object> createTable(HttpRequest<?> request, String database, String table,
                                           @Nullable String type) {
        if (type != null && !type.equals("log")) {
            throw ApiException.badRequest("Table type '" + type + "' is not supported; tables are of type log");
        }
        catalog(request).createTable(database, table);
        return tableResult(database, table);
    }

    @Post("/table/delete/{database}/{table}")
    public Map<String, Object> deleteTable(HttpRequest<?> request, String database, String table) {
        catalog(request).deleteTable(database, table);
        return tableResult(database, table);
    }

    @Post("/table/swap/{database}/{first}/{second}")
    public Map<String, Object> swap(HttpRequest<?> request, String database, String first, String second) {
        catalog(request).swap(database, first, second);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("database", database);
        out.put("table1", first);
        out.put("table2", second);
        return out;
    }

    @Post("/table/rename/{database}/{table}/{newName}")
    public Map<String, Object> rename(HttpRequest<?> request, String database, String table, String newName,
                                      @Nullable @Body Map<String, Object> body) {
        String overwrite = Params.of(request, body).getOrDefault("overwrite", "false");
        catalog(request).rename(database, table, newName, bool("overwrite", overwrite));
        return tableResult(database, newName);
    }

    private QueryEngine warehouse(HttpRequest<?> request) {
        return warehouses.forAccount(ApiKeyFilter.account(request).id());
    }

    private Catalog catalog(HttpRequest<?> request) {
        return warehouses.catalog(ApiKeyFilter.account(request).id());
    }

    private static boolean bool(String name, String value) {
        String v = value == null ? "false" : value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw ApiException.badRequest("Parameter '" + name + "' must be true or false, not '" + value + "'");
    }

    private static Map<String, Object> tableResult(String database, String table) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("database", database);
        out.put("table", table);
        out.put("type", "log");
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
