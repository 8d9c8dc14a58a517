package io.tideway.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

    @TempDir
    Path repo;

    @Test
    void recordsAnArchiveOnceKeepsItAndMapsItFromTheNextLaunchOn() throws Exception {
        Path classes = Files.createDirectories(repo.resolve("svc/target/classes/io/tideway"));
        Files.writeString(classes.resolve("Main.class"), "not really a class");
        Files.writeString(repo.resolve("svc/target/runtime-classpath.txt"), "");
        ClassDataSharing cds = new ClassDataSharing(repo.resolve("cds"), true);

        ClassDataSharing.Launch first = cds.launch(repo, "svc", "svc", "svc-1");
        assertThat(first.records()).isTrue();
        assertThat(first.classpath()).as("directories become jars").endsWith(".jar");
        Path recording = Path.of(first.options().stream().filter(o -> o.startsWith("-XX:ArchiveClassesAtExit="))
                .findFirst().orElseThrow().substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(recording, "what the JVM recorded as it exited");

        cds.keepRecorded("svc", "svc-1");

        ClassDataSharing.Launch next = cds.launch(repo, "svc", "svc", "svc-1");
        assertThat(next.records()).isFalse();
        assertThat(next.classpath()).isEqualTo(first.classpath());
        assertThat(next.options()).anySatisfy(o -> assertThat(o).startsWith("-XX:SharedArchiveFile="));
        assertThat(recording).doesNotExist();
    }

    @Test
    void aRebuiltModuleGetsANewJarAndRecordsAgain() throws Exception {
        Path classes = Files.createDirectories(repo.resolve("svc/target/classes"));
        Files.writeString(classes.resolve("Main.class"), "v1");
        Files.writeString(repo.resolve("svc/target/runtime-classpath.txt"), "");
        ClassDataSharing cds = new ClassDataSharing(repo.resolve("cds"), true);
        ClassDataSharing.Launch first = cds.launch(repo, "svc", "svc", "svc-1");
        Files.writeString(Path.of(first.options().get(first.options().size() - 1)
                .substring("-XX:ArchiveClassesAtExit=".length())), "archive");
        cds.keepRecorded("svc", "svc-1");

        Files.writeString(classes.resolve("Main.class"), "version two");
        ClassDataSharing.Launch rebuilt = cds.launch(repo, "svc", "svc", "svc-1");

        assertThat(rebuilt.classpath()).isNotEqualTo(first.classpath());
        assertThat(rebuilt.records()).isTrue();
    }
}
