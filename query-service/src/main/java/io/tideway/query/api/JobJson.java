package io.tideway.query.api;

import io.tideway.query.jobs.JobState;
import io.tideway.query.jobs.JobTimeline;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jobs in Treasure Data's JSON shapes: the job object of job/show and job/list, and the job/status summary. */
final class JobJson {

    private JobJson() {
    }

    static Map<String, Object> job(JobState j, long resultSize) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", j.jobId());
        m.put("status", j.status().apiName());
        m.put("type", j.type());
        m.put("query", j.query() == null ? "" : j.query());
        m.put("database", j.database());
        m.put("user_name", "");
        m.put("created_at", TdTime.format(j.createdAt()));
        m.put("updated_at", TdTime.format(j.updatedAt()));
        m.put("start_at", TdTime.format(j.startAt()));
        m.put("end_at", TdTime.format(j.endAt()));
        m.put("duration", duration(j));
        m.put("cpu_time", null);
        m.put("result_size", resultSize);
        m.put("num_records", j.numRecords() == null ? 0 : j.numRecords());
        m.put("hive_result_schema", resultSchema(j.columnNames(), j.columnTypes()));
        m.put("result", j.resultUrl() == null ? "" : j.resultUrl());
        m.put("result_url", j.resultUrl() == null ? "" : j.resultUrl());
        m.put("priority", j.priority());
        m.put("retry_limit", j.retryLimit());
        m.put("organization", null);
        m.put("url", "");
        m.put("engine_version", null);
        m.put("linked_result_export_job_id", null);
        m.put("result_export_target_job_id", null);
        m.put("debug", debug(j));
        m.put("delivered_rows", j.deliveredRows());
        m.put("delivered_bytes", j.deliveredBytes());
        m.put("dropped_rows", j.droppedRows());
        m.put("domain_key", j.domainKey());
        return m;
    }

    /**
     * Tideway's addition to job/show ({@code stage_durations}): seconds, with milliseconds, spent in each stage the
     * job reached (queued, query, publish, delivery), in order; a stage under way counts until now.
     */
    static Map<String, Object> stages(JobTimeline timeline, Instant now) {
        Map<String, Object> stages = new LinkedHashMap<>();
        timeline.stages(now).forEach((stage, d) -> stages.put(stage, d.toMillis() / 1000.0));
        return stages;
    }

    static Map<String, Object> status(JobState j, long resultSize) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", j.jobId());
        m.put("status", j.status().apiName());
        m.put("created_at", TdTime.format(j.createdAt()));
        m.put("updated_at", TdTime.format(j.updatedAt()));
        m.put("start_at", TdTime.format(j.startAt()));
        m.put("started_at", TdTime.format(j.startAt()));
        m.put("end_at", TdTime.format(j.endAt()));
        m.put("duration", duration(j));
        m.put("result_size", resultSize);
        m.put("num_records", j.numRecords() == null ? 0 : j.numRecords());
        return m;
    }

    /** {@code [["name", "type"], ...]} as text, with the engine's type names (bigint, varchar, ...). */
    static String resultSchema(List<String> names, List<String> tdTypes) {
        if (names == null || tdTypes == null) {
            return null;
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append("[").append(Json.quote(names.get(i))).append(", ").append(Json.quote(engineType(tdTypes.get(i)))).append("]");
        }
        return out.append("]").toString();
    }

    /** Treasure Data's names back to the SQL engine's: long is bigint, string varchar, array&lt;T&gt; array(T). */
    static String engineType(String tdType) {
        String t = tdType.strip();
        if (t.startsWith("array<") && t.endsWith(">")) {
            return "array(" + engineType(t.substring(6, t.length() - 1)) + ")";
        }
        if (t.startsWith("map<") && t.endsWith(">")) {
            String inner = t.substring(4, t.length() - 1);
            int comma = topLevelComma(inner);
            return comma < 0 ? "map" : "map(" + engineType(inner.substring(0, comma)) + ", "
                    + engineType(inner.substring(comma + 1)) + ")";
        }
        return switch (t) {
            case "long" -> "bigint";
            case "string" -> "varchar";
            default -> t;
        };
    }

    private static int topLevelComma(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, Object> debug(JobState j) {
        Map<String, Object> debug = new LinkedHashMap<>();
        debug.put("cmdout", "");
        debug.put("stderr", j.error() == null ? "" : j.error());
        return debug;
    }

    private static long duration(JobState j) {
        if (j.startAt() == null) {
            return 0;
        }
        Instant end = j.endAt() == null ? Instant.now() : j.endAt();
        return Duration.between(j.startAt(), end).toSeconds();
    }
}
