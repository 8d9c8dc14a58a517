package io.tideway.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CatchUpTest {

    private static final Schedule MINUTELY = Schedule.of("* * * * *", "UTC", 0);
    private static final Instant LAST_FIRED = Instant.parse("2026-01-01T10:00:00Z");
    /** Ten minutes later: the ticks 10:01 .. 10:10 are due, 10:10 on time, the others missed. */
    private static final Instant AFTER_DOWNTIME = Instant.parse("2026-01-01T10:10:00.300Z");

    @Test
    void anOnTimeTickFiresUnderEveryPolicy() {
        Instant now = Instant.parse("2026-01-01T10:01:00.250Z");
        for (CatchUp policy : CatchUp.values()) {
            CatchUpPlan plan = policy.plan(MINUTELY, LAST_FIRED, now);
            assertThat(plan.fire()).as(policy.name()).containsExactly(Instant.parse("2026-01-01T10:01:00Z"));
            assertThat(plan.position()).isEqualTo(Instant.parse("2026-01-01T10:01:00Z"));
            assertThat(plan.isCatchUp()).isFalse();
        }
    }

    @Test
    void nothingFiresBeforeTheNextTick() {
        CatchUpPlan plan = CatchUp.LATEST.plan(MINUTELY, LAST_FIRED, Instant.parse("2026-01-01T10:00:59Z"));
        assertThat(plan.fire()).isEmpty();
        assertThat(plan.position()).isEqualTo(LAST_FIRED);
    }

    @Test
    void latestRunsTheMostRecentTickOnceAndReportsTheSkippedOnes() {
        CatchUpPlan plan = CatchUp.LATEST.plan(MINUTELY, LAST_FIRED, AFTER_DOWNTIME);
        assertThat(plan.fire()).containsExactly(Instant.parse("2026-01-01T10:10:00Z"));
        assertThat(plan.skipped()).isEqualTo(9);
        assertThat(plan.firstSkipped()).isEqualTo(Instant.parse("2026-01-01T10:01:00Z"));
        assertThat(plan.lastSkipped()).isEqualTo(Instant.parse("2026-01-01T10:09:00Z"));
        assertThat(plan.position()).isEqualTo(Instant.parse("2026-01-01T10:10:00Z"));
        assertThat(plan.describe()).isEqualTo("skipped 9 missed ticks (2026-01-01T10:01:00Z .. "
                + "2026-01-01T10:09:00Z), firing 1 (0 late)");
    }

    @Test
    void latestRunsALateTickWhenItIsTheOnlyOne() {
        Schedule hourly = Schedule.of("@hourly", "UTC", 0);
        CatchUpPlan plan = CatchUp.LATEST.plan(hourly, Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T11:30:00Z"));
        assertThat(plan.fire()).containsExactly(Instant.parse("2026-01-01T11:00:00Z"));
        assertThat(plan.late()).isEqualTo(1);
        assertThat(plan.isCatchUp()).isTrue();
    }

    @Test
    void allRunsEveryMissedTickOldestFirst() {
        CatchUpPlan plan = CatchUp.ALL.plan(MINUTELY, LAST_FIRED, AFTER_DOWNTIME);
        assertThat(plan.fire()).hasSize(10).first().isEqualTo(Instant.parse("2026-01-01T10:01:00Z"));
        assertThat(plan.fire()).isSorted().last().isEqualTo(Instant.parse("2026-01-01T10:10:00Z"));
        assertThat(plan.late()).isEqualTo(9);
        assertThat(plan.skipped()).isZero();
    }

    @Test
    void allWorksThroughALongBacklogInBoundedSteps() {
        Instant aDayLater = LAST_FIRED.plusSeconds(24 * 3600);
        CatchUpPlan first = CatchUp.ALL.plan(MINUTELY, LAST_FIRED, aDayLater);
        assertThat(first.fire()).hasSize(CatchUp.MAX_TICKS_PER_PLAN);
        CatchUpPlan second = CatchUp.ALL.plan(MINUTELY, first.position(), aDayLater);
        assertThat(second.fire()).hasSize(24 * 60 - CatchUp.MAX_TICKS_PER_PLAN).last().isEqualTo(aDayLater);
    }

    @Test
    void noneRunsOnlyTheOnTimeTick() {
        CatchUpPlan plan = CatchUp.NONE.plan(MINUTELY, LAST_FIRED, AFTER_DOWNTIME);
        assertThat(plan.fire()).containsExactly(Instant.parse("2026-01-01T10:10:00Z"));
        assertThat(plan.skipped()).isEqualTo(9);
        Schedule hourly = Schedule.of("@hourly", "UTC", 0);
        CatchUpPlan late = CatchUp.NONE.plan(hourly, LAST_FIRED, Instant.parse("2026-01-01T13:30:00Z"));
        assertThat(late.fire()).isEmpty();
        assertThat(late.skipped()).isEqualTo(3);
        assertThat(late.position()).isEqualTo(Instant.parse("2026-01-01T13:00:00Z"));
    }

    @Test
    void aTickIsDueOnlyOnceItsDelayHasPassed() {
        Schedule delayed = Schedule.of("* * * * *", "UTC", 30);
        assertThat(CatchUp.LATEST.plan(delayed, LAST_FIRED, Instant.parse("2026-01-01T10:01:29Z")).fire()).isEmpty();
        assertThat(CatchUp.LATEST.plan(delayed, LAST_FIRED, Instant.parse("2026-01-01T10:01:30Z")).fire())
                .containsExactly(Instant.parse("2026-01-01T10:01:00Z"));
    }

    @Test
    void parsesPolicyNames() {
        assertThat(CatchUp.parse("all")).isEqualTo(CatchUp.ALL);
        assertThat(CatchUp.parse(" None ")).isEqualTo(CatchUp.NONE);
        assertThat(CatchUp.parse(null)).isEqualTo(CatchUp.LATEST);
        assertThatThrownBy(() -> CatchUp.parse("some")).hasMessage("Unknown catch-up policy 'some': use latest, all or none");
    }
}
