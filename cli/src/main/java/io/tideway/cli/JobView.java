package io.tideway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A job as {@code GET /v3/job/show/{id}} describes it (Treasure Data's field names). */
final class JobView {

    private static final Set<String> FINISHED = Set.of("success", "error", "killed");

    private final JsonNode json;

    JobView(JsonNode json) {
        this.json = json;
    }

    static JobView show(TdApi api, String jobId) {
        return new JobView(api.get("/v3/job/show/" + TdApi.segment(jobId)));
    }

    String id() {
        return text("job_id");
    }

    String status() {
        return text("status");
    }

    boolean finished() {
        return FINISHED.contains(status());
    }

    boolean failed() {
        return status().equals("error") || status().equals("killed");
    }

    String type() {
        return text("type");
    }

    String database() {
        return text("database");
    }

    int priority() {
        return json.path("priority").asInt(0);
    }

    int retryLimit() {
        return json.path("retry_limit").asInt(0);
    }

    /** The result URL, masked (the API masks it already; masking twice changes nothing). */
    String resultUrl() {
        String url = text("result");
        return url.isEmpty() ? text("result_url").isEmpty() ? "" : UrlMasking.mask(text("result_url"))
                : UrlMasking.mask(url);
    }

    boolean hasDestination() {
        return !resultUrl().isEmpty();
    }

    String query() {
        JsonNode query = json.path("query");
        return query.isTextual() ? query.asText() : query.isMissingNode() || query.isNull() ? "" : query.toString();
    }

    Long numRecords() {
        return number("num_records");
    }

    Long resultSize() {
        return number("result_size");
    }

    /** Rows the destination received, when the API reports it ({@code delivered_rows}). */
    Long deliveredRows() {
        return number("delivered_rows");
    }

    /** Rows the destination dropped (the web destination's row limit), when reported ({@code dropped_rows}). */
    Long droppedRows() {
        return number("dropped_rows");
    }

    String startAt() {
        return text("start_at").isEmpty() ? text("started_at") : text("start_at");
    }

    String endAt() {
        return text("end_at");
    }

    String createdAt() {
        return text("created_at");
    }

    Long duration() {
        return number("duration");
    }

    /**
     * Seconds spent in each stage the job reached (queued, query, publish, delivery), in order, from Tideway's
     * {@code stage_durations}; empty from an API that does not report them.
     */
    Map<String, Double> stageDurations() {
        Map<String, Double> stages = new LinkedHashMap<>();
        json.path("stage_durations").fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                stages.put(e.getKey(), e.getValue().asDouble());
            }
        });
        return stages;
    }

    String cmdout() {
        return json.path("debug").path("cmdout").asText("");
    }

    /** The error text of a failed job: the debug stderr, else its cmdout, else an {@code error} field. */
    String errorMessage() {
        String stderr = json.path("debug").path("stderr").asText("");
        if (!stderr.isBlank()) {
            return stderr.strip();
        }
        for (String key : new String[] {"error", "message"}) {
            if (!text(key).isBlank()) {
                return text(key).strip();
            }
        }
        return cmdout().isBlank() ? "(the API gave no message)" : cmdout().strip();
    }

    /** Column names from {@code hive_result_schema}, a JSON string of {@code [[name, type], ...]}. */
    List<String> columnNames() {
        JsonNode schema = json.path("hive_result_schema");
        List<String> names = new ArrayList<>();
        try {
            JsonNode pairs = schema.isTextual() && !schema.asText().isBlank() ? TdApi.JSON.readTree(schema.asText())
                    : schema;
            for (JsonNode pair : pairs) {
                names.add(pair.isArray() ? pair.path(0).asText() : pair.asText());
            }
        } catch (IOException e) {
            return List.of();
        }
        return names;
    }

    private String text(String key) {
        JsonNode node = json.path(key);
        return node.isNull() || node.isMissingNode() ? "" : node.asText();
    }

    private Long number(String key) {
        JsonNode node = json.path(key);
        if (node.isNumber()) {
            return node.asLong();
        }
        if (node.isTextual() && node.asText().matches("-?\\d+")) {
            return Long.parseLong(node.asText());
        }
        return null;
    }
}
