package io.tideway.query.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.tideway.query.savedresults.SavedResultException;
import io.tideway.query.schedules.ScheduleException;
import java.util.Map;

/**
 * Refused schedule and saved-destination requests in Treasure Data's error body: 422 for invalid input (the Ruby
 * client's validation status; td-client-java's INVALID_INPUT), 404 for an unknown name or database, 409 for a name
 * that exists. A schedule error also says which field is at fault ({@code details.field}: minute, timezone, ...).
 */
@Controller
public class ScheduleErrors {

    @Error(global = true)
    public HttpResponse<Map<String, Object>> schedule(HttpRequest<?> request, ScheduleException e) {
        MutableHttpResponse<Map<String, Object>> response = switch (e.reason()) {
            case INVALID -> ErrorBody.response(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid schedule", e.getMessage(), null);
            case NOT_FOUND -> ErrorBody.response(HttpStatus.NOT_FOUND, "Resource not found", e.getMessage(), null);
            case CONFLICT -> ErrorBody.response(HttpStatus.CONFLICT, "Resource already exists", e.getMessage(),
                    e.conflictsWith());
        };
        if (e.field() != null && e.conflictsWith() == null) {
            response.getBody().ifPresent(body -> body.put("details", Map.of("field", e.field())));
        }
        return response;
    }

    @Error(global = true)
    public HttpResponse<Map<String, Object>> savedResult(HttpRequest<?> request, SavedResultException e) {
        return switch (e.reason()) {
            case INVALID -> ErrorBody.response(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid result URL", e.getMessage(), null);
            case NOT_FOUND -> ErrorBody.response(HttpStatus.NOT_FOUND, "Resource not found", e.getMessage(), null);
            case CONFLICT -> ErrorBody.response(HttpStatus.CONFLICT, "Resource already exists", e.getMessage(), null);
        };
    }
}
