package io.tideway.cli;

/** Job objects as Treasure Data's {@code job/show} and {@code job/status} send them. */
final class Jobs {

    private Jobs() {
    }

    static String status(String id, String status) {
        return """
                {"job_id":"%s","status":"%s","created_at":"2026-01-02 03:04:05 UTC","updated_at":"2026-01-02 03:04:06 UTC",\
                "start_at":null,"started_at":null,"end_at":null,"duration":0,"result_size":0}""".formatted(id, status);
    }

    /** A job/show body; {@code extra} is more JSON members, e.g. {@code "num_records":3}. */
    static String show(String id, String status, String extra) {
        return """
                {"job_id":"%s","status":"%s","type":"presto","database":"testdb",\
                "query":"SELECT v['code'] AS code, COUNT(1) AS cnt FROM www_access GROUP BY v['code']",\
                "created_at":"2026-01-02 03:04:05 UTC","updated_at":"2026-01-02 03:04:07 UTC",\
                "start_at":"2026-01-02 03:04:06 UTC","end_at":null,"result":"","url":"","user_name":"demo",\
                "priority":0,"retry_limit":0,"duration":0,"result_size":0,"num_records":0,\
                "hive_result_schema":null,"debug":{"cmdout":"","stderr":""}%s}"""
                .formatted(id, status, extra.isEmpty() ? "" : "," + extra);
    }
}
