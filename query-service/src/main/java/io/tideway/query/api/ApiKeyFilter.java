package io.tideway.query.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.tideway.query.accounts.Account;
import io.tideway.query.accounts.AccountStore;
import io.tideway.query.accounts.ApiKeys;
import java.util.Optional;

/**
 * Authenticates every {@code /v3} call but the server status with {@code Authorization: TD1 <apikey>} (or the bare
 * key), and attaches the caller's account to the request; a missing or unknown key is answered 401.
 */
@ServerFilter("/v3/**")
public class ApiKeyFilter {

    private static final String ACCOUNT = "tideway.account";
    private static final String OPEN_PATH = "/v3/system/server_status";

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
        Optional<Account> account = accounts.authenticate(key);
        if (account.isEmpty()) {
            return unauthorized("The API key is not valid");
        }
        request.setAttribute(ACCOUNT, account.get());
        return null;
    }

    /** The authenticated account of a request that passed this filter. */
    static Account account(HttpRequest<?> request) {
        return request.getAttribute(ACCOUNT, Account.class)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "Authentication required"));
    }

    private static HttpResponse<?> unauthorized(String text) {
        return ErrorBody.response(HttpStatus.UNAUTHORIZED, "Unauthorized", text, null);
    }
}
