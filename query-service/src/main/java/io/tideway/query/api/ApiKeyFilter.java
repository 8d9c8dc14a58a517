package io.tideway.query.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.tideway.query.accounts.Account;
import io.tideway.query.accounts.AccountStore;
import io.tideway.query.accounts.ApiKeys;
import io.tideway.query.accounts.Caller;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates every {@code /v3} call but the server status with {@code Authorization: TD1 <apikey>} (or the bare
 * key), and attaches the caller to the request; a missing or unknown key is answered 401. A write-only key may
 * only import into tables ({@link #WRITE_ONLY_PATHS}) and validate itself; anything else is answered 403.
 */
@ServerFilter("/v3/**")
public class ApiKeyFilter {

    /** What a write-only key may call: streaming imports, bulk imports (a replacing commit is refused later). */
    static final List<String> WRITE_ONLY_PATHS = List.of("/v3/table/import/", "/v3/table/import_with_id/",
            "/v3/bulk_import/");
    static final String WRITE_ONLY_REFUSAL = "This API key is write-only: it may only import into tables "
            + "(table/import, table/import_with_id, bulk_import without mode=replace) and validate itself; use the "
            + "account's master key for ";

    private static final String CALLER = "tideway.caller";
    private static final String OPEN_PATH = "/v3/system/server_status";
    private static final String VALIDATE_PATH = "/v3/user/apikey/validate";

    private final AccountStore accounts;

    public ApiKeyFilter(AccountStore accounts) {
        this.accounts = accounts;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (request.getPath().equals(OPEN_PATH)) {
            return null;
        }
        String key = ApiKeys.fromHeader(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (key == null) {
            return unauthorized("Authentication required: send the header 'Authorization: TD1 <API key>'");
        }
        Optional<Caller> caller = accounts.authenticate(key);
        if (caller.isEmpty()) {
            return unauthorized("The API key is not valid");
        }
        if (caller.get().isWriteOnly() && !writeOnlyMayCall(request)) {
            return ErrorBody.response(HttpStatus.FORBIDDEN, "Forbidden",
                    WRITE_ONLY_REFUSAL + request.getMethod() + " " + request.getPath(), null);
        }
        request.setAttribute(CALLER, caller.get());
        return null;
    }

    private static boolean writeOnlyMayCall(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.equals(VALIDATE_PATH)) {
            return true;
        }
        boolean importing = request.getMethod() == HttpMethod.PUT || request.getMethod() == HttpMethod.POST
                || request.getMethod() == HttpMethod.GET;
        return importing && WRITE_ONLY_PATHS.stream().anyMatch(path::startsWith);
    }

    /** The authenticated caller of a request that passed this filter. */
    static Caller caller(HttpRequest<?> request) {
        return request.getAttribute(CALLER, Caller.class)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "Authentication required"));
    }

    /** The authenticated account of a request that passed this filter. */
    static Account account(HttpRequest<?> request) {
        return caller(request).account();
    }

    private static HttpResponse<?> unauthorized(String text) {
        return ErrorBody.response(HttpStatus.UNAUTHORIZED, "Unauthorized", text, null);
    }
}
