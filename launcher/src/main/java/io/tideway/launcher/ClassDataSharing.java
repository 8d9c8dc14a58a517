package io.tideway.launcher;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application class-data sharing for the stack's JVMs, which start several times faster with it: a JVM with no
 * archive yet records the classes it loaded into one when it stops cleanly ({@code -XX:ArchiveClassesAtExit}, Java
 * 13+), and every later start maps them ({@code -XX:SharedArchiveFile}) instead of loading, parsing and verifying
 * them again. Archives live in {@code .tideway/cds/}, one per service and class path; a rebuilt module has a new
 * class path, so its old archive is not used and a new one is recorded.
 *
 * <p>The JVM archives classes from jars only (it refuses a class path with a non-empty directory), so each
 * {@code target/classes} directory on a class path is copied into a jar here, named by a digest of its files' names,
 * sizes and times: a rebuilt module gets a new jar.
 */
final class ClassDataSharing {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);
    /** The JVM's own notes on classes it cannot archive go nowhere: they are many, and harmless. */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /** How to run one JVM: its class path and options, and what to do once it has stopped cleanly. */
    record Launch(String classpath, List<String> options, Runnable afterCleanStop, boolean records) {
        Launch(String classpath, List<String> options) {
            this(classpath, options, () -> { }, false);
        }
    }

    /** An archive's name without {@code .jsa}: the service and a digest of its class path and JVM. */
    private static final java.util.regex.Pattern RECORDING =
            java.util.regex.Pattern.compile("(.+-[0-9a-f]{16})\\..+\\.jsa\\.tmp");

    private final Path dir;
    private final boolean enabled;

    ClassDataSharing(Path dir, boolean enabled) {
        this.dir = dir;
        this.enabled = enabled;
    }

    /** The launch of {@code instance} of {@code service}, which runs {@code module}'s class path. */
    Launch launch(Path repo, String module, String service, String instance) {
        String classpath = Classpaths.of(repo, module);
        if (!enabled) {
            return new Launch(classpath, List.of());
        }
        try {
            Files.createDirectories(dir);
            String jars = jarDirectories(classpath);
            String key = key(service, jars);
            Path archive = dir.resolve(key + ".jsa");
            List<String> options = new ArrayList<>(QUIET);
            if (Files.isRegularFile(archive)) {
                options.add("-XX:SharedArchiveFile=" + archive);
                return new Launch(jars, options);
            }
            // Each instance records its own, so that two never write one file; the first kept wins.
            Path recording = dir.resolve(key + "." + instance + ".jsa.tmp");
            options.add("-XX:ArchiveClassesAtExit=" + recording);
            return new Launch(jars, options, () -> keep(recording, archive, service), true);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("No class-data sharing for {}: {}", service, e.getMessage());
            return new Launch(classpath, List.of());
        }
    }

    /** Makes a recorded archive the service's archive, and drops the service's archives of older class paths. */
    private void keep(Path recording, Path archive, String service) {
        try {
            if (!Files.isRegularFile(recording) || Files.size(recording) == 0) {
                return;
            }
            if (Files.exists(archive)) {
                Files.delete(recording);
                return;
            }
            Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path old : files.filter(f -> isOlderArchive(f, service, archive)).toList()) {
                    Files.deleteIfExists(old);
                }
            }
            LOG.info("Recorded the class-data sharing archive of {}: {}", service, archive);
        } catch (IOException e) {
            LOG.warn("Cannot keep the class-data sharing archive {}: {}", recording, e.getMessage());
        }
    }

    /**
     * Keeps what {@code instance} of {@code service} recorded as it stopped cleanly, found by the recording's name
     * rather than by working out its class path again (which reads every class directory on it).
     */
    void keepRecorded(String service, String instance) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                java.util.regex.Matcher recording = RECORDING.matcher(file.getFileName().toString());
                if (recording.matches() && recording.group(1).startsWith(service + "-")
                        && file.getFileName().toString().endsWith("." + instance + ".jsa.tmp")) {
                    keep(file, dir.resolve(recording.group(1) + ".jsa"), service);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot keep the class-data sharing archive of {}: {}", service, e.getMessage());
        }
    }

    /**
     * Deletes the jars no JVM of the stack uses (left by modules since rebuilt) and the recordings of archives for
     * class paths no longer used (left by a JVM that exited while starting); call it once the stack has started,
     * with the class path of each service it runs.
     */
    void removeUnused(java.util.Map<String, String> classpaths) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        classpaths.forEach((service, classpath) -> {
            used.addAll(List.of(classpath.split(File.pathSeparator)));
            keys.add(key(service, classpath));
        });
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jar") && !used.contains(file.toString())) {
                    Files.deleteIfExists(file);
                }
                java.util.regex.Matcher recording = RECORDING.matcher(name);
                if (recording.matches() && !keys.contains(recording.group(1))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot tidy {}: {}", dir, e.getMessage());
        }
    }

    private static String key(String service, String classpath) {
        return service + "-" + digest(classpath + "\n" + System.getProperty("java.vm.version") + "\n"
                + System.getProperty("java.home")).substring(0, 16);
    }

    private static boolean isOlderArchive(Path file, String service, Path current) {
        String name = file.getFileName().toString();
        return !file.equals(current) && name.endsWith(".jsa") && name.startsWith(service + "-")
                && name.length() == service.length() + 1 + 16 + ".jsa".length();
    }

    /** The class path with each directory replaced by a jar of its files, made once per content. */
    private String jarDirectories(String classpath) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            entries.add(Files.isDirectory(path) ? jarOf(path).toString() : entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    private Path jarOf(Path classes) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.sorted().toList();
        }
        StringBuilder listing = new StringBuilder(classes.toAbsolutePath().toString());
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                listing.append('\n').append(classes.relativize(file)).append(' ').append(Files.size(file))
                        .append(' ').append(Files.getLastModifiedTime(file).toMillis());
            }
        }
        Path module = classes.toAbsolutePath().getParent();
        String name = (module != null && module.getParent() != null && module.getFileName().toString().equals("target")
                ? module.getParent().getFileName().toString() : classes.getFileName().toString());
        Path jar = dir.resolve(name + "-classes-" + digest(listing.toString()).substring(0, 16) + ".jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Path temporary = Files.createTempFile(dir, name, ".jar.tmp");
        try (OutputStream out = Files.newOutputStream(temporary); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path file : files) {
                if (file.equals(classes)) {
                    continue;
                }
                String entry = classes.relativize(file).toString().replace(File.separatorChar, '/');
                if (Files.isDirectory(file)) {
                    zip.putNextEntry(new ZipEntry(entry + "/"));
                } else {
                    zip.putNextEntry(new ZipEntry(entry));
                    Files.copy(file, zip);
                }
                zip.closeEntry();
            }
        }
        Files.move(temporary, jar, StandardCopyOption.ATOMIC_MOVE);
        return jar;
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
