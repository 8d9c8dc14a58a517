package io.tideway.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void aJobRunsItsDelayAfterTheTick() {
        Schedule delayed = Schedule.of("@hourly", "UTC", 90);
        Instant tick = Instant.parse("2026-01-01T10:00:00Z");
        assertThat(delayed.runTime(tick)).isEqualTo(Instant.parse("2026-01-01T10:01:30Z"));
        assertThat(delayed.latestDue(Instant.parse("2026-01-01T10:01:29Z")))
                .contains(Instant.parse("2026-01-01T09:00:00Z"));
        assertThat(delayed.latestDue(Instant.parse("2026-01-01T10:01:30Z"))).contains(tick);
        assertThat(delayed.nextTick(Instant.parse("2026-01-01T09:30:00Z"))).contains(tick);
    }

    @Test
    void refusesANegativeDelay() {
        assertThatThrownBy(() -> Schedule.of("@hourly", "UTC", -5))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.part()).isEqualTo("delay"))
                .hasMessage("Delay must not be negative, not -5 seconds");
    }

    @Test
    void validatesScheduleNames() {
        assertThat(ScheduleNames.validate("hourly_count-2")).isEqualTo("hourly_count-2");
        assertThat(ScheduleNames.isValid("a".repeat(128))).isTrue();
        assertThatThrownBy(() -> ScheduleNames.validate("a".repeat(129))).hasMessageContaining("at most 128");
        assertThatThrownBy(() -> ScheduleNames.validate("")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> ScheduleNames.validate("my.schedule"))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessage("Schedule name 'my.schedule' may hold only letters, digits, '_' and '-'");
    }
}
