package io.tideway.query.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.tideway.query.accounts.Caller;
import io.tideway.query.accounts.KeyType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v3/user/apikey/validate}: td-client-java needs all four of {@code key_type} ({@code master} or
 * {@code write_only}), {@code account_id}, {@code user_id} (the account id: an account has one user) and
 * {@code administrator} (true for a master key).
 */
@Controller("/v3/user")
public class UserController {

    @Get("/apikey/validate")
    public Map<String, Object> validate(HttpRequest<?> request) {
        Caller caller = ApiKeyFilter.caller(request);
        long accountId = Long.parseLong(caller.accountId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key_type", caller.keyType().apiName());
        out.put("account_id", accountId);
        out.put("user_id", accountId);
        out.put("administrator", caller.keyType() == KeyType.MASTER);
        return out;
    }
}
