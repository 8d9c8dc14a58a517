package io.tideway.query.api;

import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import io.tideway.query.jobs.JobRejectedException;
import io.tideway.query.warehouse.WarehouseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers every error, including the framework's own, with Treasure Data's error body. */
@Controller
public class ErrorController {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorController.class);

    @Error(global = true)
    public HttpResponse<Map<String, Object>> api(HttpRequest<?> request, ApiException e) {
        return ErrorBody.response(e);
    }

    @Error(global = true)
    public HttpResponse<Map<String, Object>> rejected(HttpRequest<?> request, JobRejectedException e) {
        return switch (e.reason()) {
            case INVALID -> ErrorBody.response(HttpStatus.BAD_REQUEST, "Invalid job", e.getMessage(), null);
            case NOT_FOUND -> ErrorBody.response(HttpStatus.NOT_FOUND, "Resource not found", e.getMessage(), null);
            case CONFLICT -> ErrorBody.response(HttpStatus.CONFLICT, "Resource already exists", e.getMessage(),
                    e.conflictsWith());
            case FORBIDDEN -> ErrorBody.response(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage(), null);
        };
    }

    @Error(global = true)
    public HttpResponse<Map<String, Object>> warehouse(HttpRequest<?> request, WarehouseException e) {
        return switch (e.kind()) {
            case INVALID -> ErrorBody.response(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage(), null);
            case NOT_FOUND -> ErrorBody.response(HttpStatus.NOT_FOUND, "Resource not found", e.getMessage(), null);
            case CONFLICT -> ErrorBody.response(HttpStatus.CONFLICT, "Resource already exists", e.getMessage(),
                    e.conflictsWith());
            case TYPE_CONFLICT -> ErrorBody.response(HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable entity",
                    e.getMessage(), null);
        };
    }

    @Error(global = true)
    public HttpResponse<Map<String, Object>> badInput(HttpRequest<?> request, UnsatisfiedRouteException e) {
        return ErrorBody.response(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage(), null);
    }

    @Error(global = true)
    public HttpResponse<Map<String, Object>> badConversion(HttpRequest<?> request, ConversionErrorException e) {
        return ErrorBody.response(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage(), null);
    }

    @Error(global = true)
    public HttpResponse<Map<String, Object>> httpStatus(HttpRequest<?> request, HttpStatusException e) {
        return ErrorBody.response(e.getStatus(), e.getStatus().getReason(), e.getMessage(), null);
    }

    @Error(global = true, status = HttpStatus.NOT_FOUND)
    public HttpResponse<Map<String, Object>> noRoute(HttpRequest<?> request) {
        return ErrorBody.response(HttpStatus.NOT_FOUND, "Resource not found",
                "No such API: " + request.getMethod() + " " + request.getPath(), null);
    }

    @Error(global = true, status = HttpStatus.METHOD_NOT_ALLOWED)
    public HttpResponse<Map<String, Object>> wrongMethod(HttpRequest<?> request) {
        return ErrorBody.response(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
                request.getMethod() + " is not allowed on " + request.getPath(), null);
    }

    @Error(global = true, status = HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    public HttpResponse<Map<String, Object>> wrongMediaType(HttpRequest<?> request) {
        return ErrorBody.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                "Content type " + request.getContentType().map(Object::toString).orElse("(none)")
                        + " is not accepted on " + request.getPath(), null);
    }

    @Error(global = true)
    public HttpResponse<Map<String, Object>> unexpected(HttpRequest<?> request, Throwable e) {
        HttpResponse<Map<String, Object>> clientError = clientError(request, e);
        if (clientError != null) {
            return clientError;
        }
        LOG.error("{} {} failed: {}", request.getMethod(), request.getPath(), e.getMessage(), e);
        return ErrorBody.response(HttpStatus.INTERNAL_SERVER_ERROR, "Server error",
                "The server failed: " + e.getMessage(), null);
    }

    /**
     * The caller's mistake that the framework reports wrapped, while decoding the body: too large a body or form
     * field, JSON that does not parse. Null for anything else.
     */
    private HttpResponse<Map<String, Object>> clientError(HttpRequest<?> request, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("ContentLengthExceededException")) {
                return ErrorBody.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Request too large",
                        "The request is too large: " + t.getMessage() + ". Send less: a query may be at most "
                                + io.tideway.query.jobs.JobSubmitter.MAX_QUERY_BYTES + " bytes", null);
            }
            if (t instanceof HttpStatusException status) {
                return httpStatus(request, status);
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
                return ErrorBody.response(HttpStatus.BAD_REQUEST, "Bad request", "The body of "
                        + request.getPath() + " is not valid JSON: " + json.getOriginalMessage(), null);
            }
        }
        return null;
    }
}
