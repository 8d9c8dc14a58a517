package io.tideway.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of what the local stack runs from — each service module's {@code target/classes} and
 * {@code runtime-classpath.txt}, and the project's own jars those name — laid out like the checkout, so that the
 * launcher can run the stack from it. A rebuild of the checkout during a run then cannot pull classes from under
 * the services. Third-party jars are named where they are (the Maven repository), not copied.
 */
final class Snapshot {

    static final List<String> MODULES = List.of("local-broker", "query-service", "scheduler-service", "ftp-writer",
            "web-writer", "td-writer", "launcher");

    private Snapshot() {
    }

    static Path take(Path repo, Path dest) throws IOException {
        Path lib = dest.resolve("lib");
        Files.createDirectories(lib);
        for (String module : MODULES) {
            Path target = repo.resolve(module).resolve("target");
            Path classpathFile = target.resolve("runtime-classpath.txt");
            if (!Files.exists(classpathFile) || !Files.isDirectory(target.resolve("classes"))) {
                throw new IllegalStateException("Module " + module + " is not built (no " + classpathFile
                        + "); run `mvn -DskipTests package` in " + repo);
            }
            Path copyTarget = dest.resolve(module).resolve("target");
            copyTree(target.resolve("classes"), copyTarget.resolve("classes"));
            List<String> entries = new ArrayList<>();
            for (String entry : Files.readString(classpathFile).strip().split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path path = Path.of(entry);
                if (path.startsWith(repo) || entry.contains(File.separator + "io" + File.separator + "tideway"
                        + File.separator)) {
                    // a module built only to `compile` is named by its target/classes: name the copy by module
                    String name = path.getFileName().toString().equals("classes") && path.startsWith(repo)
                            ? repo.relativize(path).toString().replace(File.separatorChar, '-')
                            : path.getFileName().toString();
                    Path copy = lib.resolve(name);
                    if (!Files.exists(copy)) {
                        copyTree(path, copy);
                    }
                    entries.add(copy.toString());
                } else {
                    entries.add(entry);
                }
            }
            Files.writeString(copyTarget.resolve("runtime-classpath.txt"), String.join(File.pathSeparator, entries));
        }
        return dest;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
