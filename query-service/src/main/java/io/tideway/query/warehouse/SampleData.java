package io.tideway.query.warehouse;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's sample table {@code testdb.www_access}: 5,000 access-log rows computed from their row number,
 * so every installation holds the same rows, plus a map column {@code v} holding each field as a string.
 */
final class SampleData {

    static final String DATABASE = "testdb";
    static final String TABLE = "www_access";
    static final int ROWS = 5000;

    private static final Logger LOG = LoggerFactory.getLogger(SampleData.class);

    private static final String CREATE = """
            CREATE TABLE testdb.www_access AS
            WITH base AS (
              SELECT i,
                1412121600 + i * 60 AS time,
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
              FROM range(ROWS) t(i))
            SELECT time, host, path, method, referer, code, size, agent,
              MAP {'time': time::VARCHAR, 'host': host, 'path': path, 'method': method, 'referer': referer,
                   'code': code::VARCHAR, 'size': size::VARCHAR, 'agent': agent} AS v
            FROM base ORDER BY i
            """.replace("range(ROWS)", "range(" + ROWS + ")");

    private SampleData() {
    }

    static void ensure(DuckDbWarehouse warehouse) {
        if (warehouse.tableExists(DATABASE, TABLE)) {
            return;
        }
        warehouse.update("creating the sample table testdb.www_access",
                List.of("CREATE SCHEMA IF NOT EXISTS testdb", CREATE));
        LOG.info("Sample table {}.{} created with {} rows", DATABASE, TABLE, ROWS);
    }
}
