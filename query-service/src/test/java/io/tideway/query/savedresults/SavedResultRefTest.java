package io.tideway.query.savedresults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SavedResultRefTest {

    @Test
    void tellsReferencesFromUrls() {
        assertThat(SavedResultRef.isReference("myftp")).isTrue();
        assertThat(SavedResultRef.isReference("myftp:path.csv")).isTrue();
        assertThat(SavedResultRef.isReference("ftp://u:p@h/x.csv")).isFalse();
        assertThat(SavedResultRef.isReference(" ")).isFalse();
    }

    @Test
    void appendsThePathAsOneSegmentBeforeAnyQuery() {
        assertThat(SavedResultRef.join("ftp://u:p@h/reports/", "path.csv")).isEqualTo("ftp://u:p@h/reports/path.csv");
        assertThat(SavedResultRef.join("web://h/base", "path")).isEqualTo("web://h/base/path");
        assertThat(SavedResultRef.join("td://@/testdb?mode=replace", "out")).isEqualTo("td://@/testdb/out?mode=replace");
        assertThat(SavedResultRef.join("web://h/base", "")).isEqualTo("web://h/base");
    }

    @Test
    void parsesNameAndPath() {
        assertThat(SavedResultRef.parse("myftp:/dir/path.csv")).isEqualTo(new SavedResultRef("myftp", "dir/path.csv"));
        assertThat(SavedResultRef.parse("myftp")).isEqualTo(new SavedResultRef("myftp", ""));
        assertThat(SavedResultRef.parse("myftp:a:b").toString()).isEqualTo("myftp:a:b");
    }
}
