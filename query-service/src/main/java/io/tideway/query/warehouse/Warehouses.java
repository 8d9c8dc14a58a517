package io.tideway.query.warehouse;

import io.tideway.query.config.QuerySettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The warehouses of all accounts, opened when first used: account 1's is {@code warehouse.duckdb} in the data
 * directory (the sample data lives there), account N's {@code warehouse-N.duckdb}. Each is a DuckDB instance of its
 * own, so one account's queries cannot reach another account's tables.
 */
@Singleton
public class Warehouses implements QueryEngines, AutoCloseable {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[1-9][0-9]{0,18}");
    private static final String LOCAL_ACCOUNT = "1";

    private final Path dataDir;
    private final boolean seedSampleData;
    private final Map<String, DuckDbWarehouse> open = new ConcurrentHashMap<>();

    public Warehouses(QuerySettings settings) {
        this.dataDir = settings.dataDir();
        this.seedSampleData = settings.seedSampleData();
        of(LOCAL_ACCOUNT);
    }

    public DuckDbWarehouse of(String accountId) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("Account id '" + accountId + "' is not a positive number");
        }
        return open.computeIfAbsent(accountId, id -> id.equals(LOCAL_ACCOUNT)
                ? new DuckDbWarehouse(dataDir.resolve(DuckDbWarehouse.FILE_NAME), seedSampleData)
                : new DuckDbWarehouse(dataDir.resolve("warehouse-" + id + ".duckdb"), false));
    }

    @Override
    public QueryEngine forAccount(String accountId) {
        return of(accountId);
    }

    public Catalog catalog(String accountId) {
        return new Catalog(of(accountId));
    }

    public Imports imports(String accountId) {
        return new Imports(of(accountId));
    }

    public BulkImports bulkImports(String accountId) {
        return new BulkImports(of(accountId));
    }

    @Override
    public boolean allOpen() {
        return open.values().stream().allMatch(DuckDbWarehouse::isOpen);
    }

    @PreDestroy
    @Override
    public void close() {
        open.values().forEach(DuckDbWarehouse::close);
        open.clear();
    }
}
