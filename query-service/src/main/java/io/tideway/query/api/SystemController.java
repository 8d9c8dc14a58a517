package io.tideway.query.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/** The server status Treasure Data's clients check; open to everyone. */
@Controller("/v3/system")
public class SystemController {

    @Get("/server_status")
    public Map<String, Object> serverStatus() {
        return Map.of("status", "ok");
    }
}
