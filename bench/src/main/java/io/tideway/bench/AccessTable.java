package io.tideway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A www_access-like table: 8 columns (time, host, path, method, referer, code, size, agent), about 150 bytes of
 * CSV a row, every row computed from its number so that every run and every copy holds the same rows.
 */
final class AccessTable {

    static final String DATABASE = "testdb";
    static final String TABLE = "bench_access";

    private AccessTable() {
    }

    /** The rows as a query over {@code range(rows)}. */
    static String select(long rows) {
        return """
                SELECT 1412121600 + i * 60 AS time,
                  '192.168.' || (i * 7 % 256) || '.' || (i * 13 % 256) AS host,
                  (['/category/electronics', '/item/games/3123', '/category/books', '/search/?c=Books',
                    '/item/toys/1123', '/', '/category/software', '/item/electronics/2213'])[1 + (i * 3 % 8)] AS path,
                  CASE WHEN i % 10 = 0 THEN 'POST' ELSE 'GET' END AS method,
                  (['-', 'http://www.google.com/search?q=tideway', '/category/books',
                    'http://www.example.com/'])[1 + (i * 5 % 4)] AS referer,
                  ([200, 200, 200, 200, 200, 200, 200, 304, 404, 500])[1 + (i * 17 % 10)]::BIGINT AS code,
                  (50 + (i * 37 % 150))::BIGINT AS size,
                  (['Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/37.0 Safari/537.36',
                    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_5) AppleWebKit/600.1.17 (KHTML, like Gecko) Version/7.1 Safari/537.85.10',
                    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
                    'curl/7.64.1'])[1 + (i * 11 % 4)] AS agent
                FROM range(ROWS) t(i)
                """.replace("ROWS", String.valueOf(rows));
    }

    /** Creates {@code testdb.bench_access} with {@code rows} rows in a new DuckDB file, checkpointed. */
    static void create(Path file, long rows) throws SQLException, java.io.IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + DATABASE);
            st.execute("CREATE TABLE " + DATABASE + "." + TABLE + " AS " + select(rows) + " ORDER BY time");
            st.execute("CHECKPOINT");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + DATABASE + "." + TABLE)) {
                rs.next();
                if (rs.getLong(1) != rows) {
                    throw new IllegalStateException("Expected " + rows + " rows, made " + rs.getLong(1));
                }
            }
        }
    }
}
