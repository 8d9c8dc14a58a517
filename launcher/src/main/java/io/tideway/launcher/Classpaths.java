package io.tideway.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The class path of a module of this checkout: its compiled classes and the runtime class path the build wrote
 * to {@code target/runtime-classpath.txt}. Each service runs with only its own, so no service sees another's beans.
 */
final class Classpaths {

    private Classpaths() {
    }

    static String of(Path repo, String module) {
        Path target = repo.resolve(module).resolve("target");
        Path file = target.resolve("runtime-classpath.txt");
        if (!Files.exists(file) || !Files.isDirectory(target.resolve("classes"))) {
            throw new IllegalStateException("Module " + module + " is not built (no " + file
                    + "); run `mvn -DskipTests package` in " + repo);
        }
        try {
            String dependencies = Files.readString(file).strip();
            return target.resolve("classes") + (dependencies.isEmpty() ? "" : java.io.File.pathSeparator + dependencies);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
