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
import io.tideway.query.savedresults.SavedResults;
import io.tideway.schemas.SavedResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** Saved destinations in the Ruby client's shapes ({@code td result:*}); URLs are only ever shown masked. */
@Controller("/v3/result")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN,
        MediaType.APPLICATION_OCTET_STREAM})
public class ResultController {

    private final SavedResults savedResults;

    public ResultController(SavedResults savedResults) {
        this.savedResults = savedResults;
    }

    @Get("/list")
    public Map<String, Object> list(HttpRequest<?> request) {
        return Map.of("results", savedResults.list(ApiKeyFilter.account(request).id()).stream()
                .map(ResultController::result).toList());
    }

    @Post("/create/{name}")
    public Map<String, Object> create(HttpRequest<?> request, String name, @Nullable @Body Map<String, Object> body) {
        SavedResult saved = savedResults.create(ApiKeyFilter.caller(request), name,
                Params.of(request, body).get("url"));
        Map<String, Object> out = result(saved);
        out.put("result", saved.getName());
        return out;
    }

    @Post("/delete/{name}")
    public Map<String, Object> delete(HttpRequest<?> request, String name, @Nullable @Body Map<String, Object> body) {
        SavedResult deleted = savedResults.delete(ApiKeyFilter.account(request).id(), name);
        Map<String, Object> out = result(deleted);
        out.put("result", deleted.getName());
        return out;
    }

    private static Map<String, Object> result(SavedResult saved) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", saved.getName());
        m.put("url", saved.getDestination().getMaskedUrl());
        m.put("created_at", TdTime.format(saved.getCreatedAt()));
        return m;
    }
}
