package io.tideway.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The API endpoint and key, and where each came from.
 *
 * <p>Each value is taken from the first source that has it:
 * <ol>
 *   <li>the environment: {@code TD_API_SERVER}, {@code TD_API_KEY};</li>
 *   <li>the toolbelt's config file ({@code $TD_CONFIG_PATH} or {@code ~/.td/td.conf}), section {@code [account]},
 *       keys {@code endpoint} and {@code apikey};</li>
 *   <li>the local stack's file, {@code $TIDEWAY_HOME/stack.env}, else {@code ./.tideway/stack.env}
 *       (lines {@code export TD_API_SERVER=...} and {@code export TD_API_KEY=...}).</li>
 * </ol>
 */
public record ApiConfig(URI endpoint, String apiKey, String endpointSource, String keySource) {

    static final String HOW_TO_SET = "For the local stack run: eval \"$(bin/tideway env)\" "
            + "(after bin/tideway up), or set TD_API_KEY and TD_API_SERVER.";

    public static ApiConfig resolve(Environment env) {
        List<Source> sources = sources(env);
        Source endpoint = first(sources, "TD_API_SERVER");
        Source key = first(sources, "TD_API_KEY");
        if (endpoint == null || key == null) {
            String missing = endpoint == null && key == null ? "No API key or API server is configured."
                    : endpoint == null ? "No API server is configured." : "No API key is configured.";
            throw new CliException(missing + " " + HOW_TO_SET);
        }
        return new ApiConfig(endpointUri(endpoint.values.get("TD_API_SERVER")), key.values.get("TD_API_KEY"),
                endpoint.name, key.name);
    }

    /** {@code http://host:port} as given; a bare {@code host:port} means http, a bare host means https. */
    static URI endpointUri(String server) {
        String s = server.trim();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.contains("://")) {
            boolean plainPort = s.matches(".*:\\d+") && !s.endsWith(":443");
            s = (plainPort ? "http://" : "https://") + s;
        }
        try {
            URI uri = URI.create(s);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliException("The API server '" + server + "' is not a valid address (expected "
                    + "http://host:port or host:port). " + HOW_TO_SET);
        }
    }

    private static Source first(List<Source> sources, String name) {
        return sources.stream().filter(s -> s.values.get(name) != null).findFirst().orElse(null);
    }

    private static List<Source> sources(Environment env) {
        List<Source> sources = new ArrayList<>();
        sources.add(new Source("the environment", ConfigFiles.fromEnvironment(env)));
        Path tdConf = env.get("TD_CONFIG_PATH") != null ? Path.of(env.get("TD_CONFIG_PATH"))
                : env.home().resolve(".td").resolve("td.conf");
        sources.add(new Source(tdConf.toString(), ConfigFiles.readTdConf(tdConf)));
        Path stackEnv = ConfigFiles.findStackEnv(env);
        if (stackEnv != null) {
            sources.add(new Source(stackEnv.toString(), ConfigFiles.readStackEnv(stackEnv)));
        }
        return sources;
    }

    private record Source(String name, Map<String, String> values) {
    }
}
