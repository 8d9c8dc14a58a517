package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"1795305600", "2026-11-22T00:00:00Z", "2026-11-22T09:00:00+09:00",
        "2026-11-22T09:00:00+09:00[Asia/Tokyo]", "2026-11-22 00:00:00 UTC", "2026-11-22 09:00:00 +0900",
        "2026-11-22 09:00:00 +09:00", "2026-11-22 09:00:00 Asia/Tokyo", "2026-11-22 00:00:00.000 Z"})
    void readsTimesWithAZone(String text) {
        TimeText time = TimeText.parse(text);

        assertThat(time).isNotNull();
        assertThat(time.hasZone()).isTrue();
        assertThat(time.in(ZoneId.of("America/New_York"))).isEqualTo(Instant.ofEpochSecond(1795305600));
    }

    @Test
    void keepsAZoneLessTimeLocalUntilAZoneIsGiven() {
        TimeText time = TimeText.parse("2026-11-22 00:00:00");

        assertThat(time.hasZone()).isFalse();
        assertThat(time.in(ZoneOffset.UTC).getEpochSecond()).isEqualTo(1795305600L);
        assertThat(time.in(ZoneId.of("Asia/Tokyo")).getEpochSecond()).isEqualTo(1795273200L);
        assertThat(TimeText.parse("2026-11-22").in(ZoneOffset.UTC).getEpochSecond()).isEqualTo(1795305600L);
        assertThat(TimeText.parse("2026-11-22T00:00").in(ZoneOffset.UTC).getEpochSecond()).isEqualTo(1795305600L);
    }

    @Test
    void refusesWhatIsNotATime() {
        assertThat(TimeText.parse("tomorrow")).isNull();
        assertThat(TimeText.parse("2026-13-01 00:00:00")).isNull();
        assertThat(TimeText.parse("2026-11-22 00:00:00 Mars/Olympus")).isNull();
    }

    @Test
    void formatsInTheZoneAndFallsBackToTheApisText() {
        Instant instant = Instant.ofEpochSecond(1795305600);

        assertThat(TimeText.format(instant, ZoneOffset.UTC)).isEqualTo("2026-11-22 00:00:00 UTC");
        assertThat(TimeText.format(instant, ZoneId.of("Asia/Tokyo"))).isEqualTo("2026-11-22 09:00:00 Asia/Tokyo");
        assertThat(TimeText.show("soon", ZoneOffset.UTC)).isEqualTo("soon");
        assertThat(TimeText.show(null, ZoneOffset.UTC)).isEmpty();
    }
}
