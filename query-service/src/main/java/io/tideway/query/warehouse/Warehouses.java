package io.tideway.query.warehouse;

import io.tideway.query.config.EngineSettings;
import io.tideway.query.config.QuerySettings;
import io.tideway.query.config.TrinoSettings;
import io.trino.jdbc.TrinoDriver;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouses of all accounts, opened when first used, on the configured engine ({@link EngineSettings}).
 * Every account has a DuckDB file of its own: account 1's is {@code warehouse.duckdb} in the data directory (the
 * sample data lives there), account N's {@code warehouse-N.duckdb}. With the default engine that file holds the
 * account's tables too, each file its own DuckDB instance, so one account's queries cannot reach another account's
 * tables. With Trino the tables live in the account's Trino catalog ({@link TrinoSettings}) and the file keeps only
 * the bookkeeping of imports.
 */
@Singleton
public class Warehouses implements QueryEngines, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Warehouses.class);
    private static final Pattern ACCOUNT_ID = Pattern.compile("[1-9][0-9]{0,18}");
    private static final String LOCAL_ACCOUNT = "1";

    private final Path dataDir;
    private final boolean seedSampleData;
    private final EngineSettings.Kind engine;
    private final TrinoSettings trino;
    private final TrinoDriver trinoDriver;
    private final Map<String, DuckDbWarehouse> open = new ConcurrentHashMap<>();
    private final Map<String, TrinoWarehouse> trinoOpen = new ConcurrentHashMap<>();

    public Warehouses(QuerySettings settings, EngineSettings engine, TrinoSettings trino) {
        this.dataDir = settings.dataDir();
        this.engine = engine.engine();
        this.trino = trino;
        // The sample rows are DuckDB SQL; on Trino the local file holds no tables to seed.
        this.seedSampleData = settings.seedSampleData() && this.engine == EngineSettings.Kind.DUCKDB;
        if (this.engine == EngineSettings.Kind.TRINO) {
            trino.requireUrl();
            this.trinoDriver = new TrinoDriver();
            LOG.info("Query engine: Trino at {}, catalog {}, user {}", trino.url(), trino.catalog(), trino.user());
        } else {
            this.trinoDriver = null;
        }
        of(LOCAL_ACCOUNT);
    }

    public EngineSettings.Kind engine() {
        return engine;
    }

    /** The account's DuckDB file: its tables with the default engine, the bookkeeping of its imports with any. */
    public DuckDbWarehouse of(String accountId) {
        requireAccountId(accountId);
        return open.computeIfAbsent(accountId, id -> id.equals(LOCAL_ACCOUNT)
                ? new DuckDbWarehouse(dataDir.resolve(DuckDbWarehouse.FILE_NAME), seedSampleData)
                : new DuckDbWarehouse(dataDir.resolve("warehouse-" + id + ".duckdb"), false));
    }

    @Override
    public QueryEngine forAccount(String accountId) {
        return engine == EngineSettings.Kind.TRINO ? trino(accountId) : of(accountId);
    }

    public Catalog catalog(String accountId) {
        return new Catalog(of(accountId), tables(accountId));
    }

    public Imports imports(String accountId) {
        return new Imports(of(accountId), tables(accountId));
    }

    public BulkImports bulkImports(String accountId) {
        return new BulkImports(of(accountId), tables(accountId));
    }

    private TableStore tables(String accountId) {
        return engine == EngineSettings.Kind.TRINO ? trino(accountId) : new DuckDbTables(of(accountId));
    }

    private TrinoWarehouse trino(String accountId) {
        requireAccountId(accountId);
        if (!trino.catalogPerAccount() && !accountId.equals(LOCAL_ACCOUNT)) {
            throw new IllegalStateException("Account " + accountId + " has no Trino catalog of its own: "
                    + "tideway.engine.trino.catalog (" + trino.catalog() + ") has no " + TrinoSettings.ACCOUNT
                    + " placeholder, so only account 1 can use Trino");
        }
        return trinoOpen.computeIfAbsent(accountId, id -> new TrinoWarehouse(
                new TrinoConnector(trinoDriver, trino, id), trino.insertRows()));
    }

    private static void requireAccountId(String accountId) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("Account id '" + accountId + "' is not a positive number");
        }
    }

    @Override
    public boolean allOpen() {
        return open.values().stream().allMatch(DuckDbWarehouse::isOpen)
                && (engine != EngineSettings.Kind.TRINO || forAccount(LOCAL_ACCOUNT).isOpen());
    }

    @PreDestroy
    @Override
    public void close() {
        open.values().forEach(DuckDbWarehouse::close);
        open.clear();
        trinoOpen.clear();
        if (trinoDriver != null) {
            try {
                trinoDriver.close();
            } catch (java.io.IOException e) {
                LOG.warn("Closing the Trino driver failed: {}", e.getMessage());
            }
        }
    }
}
