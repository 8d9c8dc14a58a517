package io.tideway.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final SecretBox box = SecretBox.fromBase64Key(SecretBox.generateKey());

    @Test
    void opensWhatItSealedAndHidesTheText() {
        String sealed = box.seal("ftp://user:s3cret@host/path.csv");

        assertThat(sealed).doesNotContain("s3cret");
        assertThat(box.open(sealed)).isEqualTo("ftp://user:s3cret@host/path.csv");
        assertThat(box.seal("same")).isNotEqualTo(box.seal("same"));
    }

    @Test
    void refusesTextSealedUnderAnotherKey() {
        String sealed = SecretBox.fromBase64Key(SecretBox.generateKey()).seal("x");

        assertThatThrownBy(() -> box.open(sealed)).hasMessageContaining("another secret key");
    }

    @Test
    void refusesAKeyOfTheWrongSize() {
        assertThatThrownBy(() -> SecretBox.fromBase64Key("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretBox.fromBase64Key("not base64!")).hasMessageContaining("not base64");
    }
}
