package io.tideway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository's docker-compose.yml as Compose reads it with no variables set: YAML anchors and merge keys
 * resolved, {@code ${NAME:-default}} replaced by its default.
 */
final class ComposeFile {

    /** The five services built from docker/Dockerfile, by module name, with the main class each runs. */
    static final Map<String, String> TIDEWAY_SERVICES = Map.of(
            "query-service", "io.tideway.query.QueryServiceMain",
            "scheduler-service", "io.tideway.scheduler.SchedulerServiceMain",
            "ftp-writer", "io.tideway.ftp.FtpWriterMain",
            "web-writer", "io.tideway.web.WebWriterMain",
            "td-writer", "io.tideway.td.TdWriterMain");
    static final List<String> WRITERS = List.of("ftp-writer", "web-writer", "td-writer");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    static Path repository() {
        return Path.of(System.getProperty("tideway.repo", "..")).toAbsolutePath().normalize();
    }

    static ComposeFile load() {
        Path file = repository().resolve("docker-compose.yml");
        try {
            Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            return new ComposeFile(Yamls.map(interpolate(parsed), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Object> services() {
        return Yamls.map(root.get("services"), "services");
    }

    Map<String, Object> service(String name) {
        return Yamls.map(services().get(name), "services." + name);
    }

    Map<String, String> environment(String service) {
        return Yamls.stringMap(service(service).get("environment"), "services." + service + ".environment");
    }

    /** Replaces every ${NAME}, ${NAME:-default} and ${NAME-default} in the text by what Compose gives it unset. */
    static String interpolate(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String operator = m.group(2);
            boolean hasDefault = operator != null && operator.endsWith("-");
            m.appendReplacement(out, Matcher.quoteReplacement(hasDefault ? m.group(3) : ""));
        }
        return m.appendTail(out).toString();
    }

    private static Object interpolate(Object node) {
        if (node instanceof String s) {
            return interpolate(s);
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, interpolate(v)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(ComposeFile::interpolate).toList();
        }
        return node;
    }
}
