package io.tideway.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the settings files, each into the environment variable names {@code TD_API_SERVER}/{@code TD_API_KEY}. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static Map<String, String> fromEnvironment(Environment env) {
        Map<String, String> values = new HashMap<>();
        putIfPresent(values, "TD_API_SERVER", env.get("TD_API_SERVER"));
        putIfPresent(values, "TD_API_KEY", env.get("TD_API_KEY"));
        return values;
    }

    /** The toolbelt's INI-style file: {@code [account]} with {@code apikey = ...} and {@code endpoint = ...}. */
    static Map<String, String> readTdConf(Path file) {
        Map<String, String> values = new HashMap<>();
        String section = "";
        for (String raw : lines(file)) {
            String line = raw.trim();
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).trim().toLowerCase();
            } else if (section.equals("account") && line.contains("=") && !line.startsWith("#")) {
                String key = line.substring(0, line.indexOf('=')).trim().toLowerCase();
                String value = unquote(line.substring(line.indexOf('=') + 1).trim());
                if (key.equals("apikey")) {
                    putIfPresent(values, "TD_API_KEY", value);
                } else if (key.equals("endpoint")) {
                    putIfPresent(values, "TD_API_SERVER", value);
                }
            }
        }
        return values;
    }

    /** The local stack's shell file: {@code export NAME=value} lines, values optionally quoted. */
    static Map<String, String> readStackEnv(Path file) {
        Map<String, String> values = new HashMap<>();
        for (String raw : lines(file)) {
            String line = raw.trim();
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).trim();
            }
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                String name = line.substring(0, eq).trim();
                if (name.equals("TD_API_SERVER") || name.equals("TD_API_KEY")) {
                    putIfPresent(values, name, unquote(line.substring(eq + 1).trim()));
                }
            }
        }
        return values;
    }

    static Path findStackEnv(Environment env) {
        // TIDEWAY_HOME is the local stack's directory itself, as bin/tideway uses it.
        Path relative = Path.of(".tideway", "stack.env");
        if (env.get("TIDEWAY_HOME") != null) {
            Path file = Path.of(env.get("TIDEWAY_HOME")).resolve("stack.env");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        Path file = env.workDir().resolve(relative);
        return Files.isRegularFile(file) ? file : null;
    }

    private static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("Cannot read " + file + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CliException("Cannot read " + file + ": " + e.getCause().getMessage());
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static void putIfPresent(Map<String, String> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value.trim());
        }
    }
}
