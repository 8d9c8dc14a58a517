package io.tideway.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "61 * * * *    | minute       | minute field '61' is out of range 0-59",
        "1-70 * * * *  | minute       | minute field '1-70' is out of range 0-59 (70 is not)",
        "* 24 * * *    | hour         | hour field '24' is out of range 0-23",
        "* * 32 * *    | day-of-month | day-of-month field '32' is out of range 1-31",
        "* * 0 * *     | day-of-month | day-of-month field '0' is out of range 1-31",
        "* * * 13 *    | month        | month field '13' is out of range 1-12 (or JAN-DEC)",
        "* * * FOO *   | month        | month field 'FOO' is not a value, range (1-5), list (1,3,5), step (*/15) or *",
        "* * * * 8     | day-of-week  | day-of-week field '8' is out of range 0-7 (or SUN-SAT; 0 and 7 are Sunday)",
        "*/0 * * * *   | minute       | minute field '*/0' has step 0; a step (*/n) must be at least 1",
        "5-1 * * * *   | minute       | minute field '5-1' is a range that runs backwards (5-1)",
        "x * * * *     | minute       | minute field 'x' is not a value",
        "-1 * * * *    | minute       | minute field '-1' has a negative number",
        "* * * *       | cron         | Cron '* * * *' has 4 fields; it needs five (minute hour day-of-month month",
        "0 0 * * * *   | cron         | Cron '0 0 * * * *' has 6 fields",
        "@reboot       | cron         | Unknown cron nickname '@reboot'",
        "0 0 30 2 *    | cron         | Cron '0 0 30 2 *' never runs",
    })
    void refusesInvalidCronNamingTheFieldAndWhy(String cron, String part, String message) {
        assertThatThrownBy(() -> CronSchedule.parse(cron, "UTC"))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.part()).isEqualTo(part))
                .hasMessageContaining(message);
    }

    @Test
    void refusesAnUnknownTimeZoneNamingItWithAnExample() {
        assertThatThrownBy(() -> CronSchedule.parse("@daily", "Mars/Olympus_Mons"))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.part()).isEqualTo("timezone"))
                .hasMessageContaining("Unknown time zone 'Mars/Olympus_Mons'")
                .hasMessageContaining("Asia/Tokyo");
    }

    @Test
    void readsNamesNicknamesAndUtcByDefault() {
        assertThat(CronSchedule.parse("0 9 * JAN MON-FRI", (String) null).next(utc("2026-01-02T10:00:00Z")))
                .contains(utc("2026-01-05T09:00:00Z"));
        assertThat(CronSchedule.parse("@daily", "").next(utc("2026-01-02T10:00:00Z")))
                .contains(utc("2026-01-03T00:00:00Z"));
        assertThat(CronSchedule.parse("@midnight", "UTC").expression()).isEqualTo("@midnight");
        assertThat(CronSchedule.parse("@weekly", "UTC").next(utc("2026-01-02T10:00:00Z")))
                .contains(utc("2026-01-04T00:00:00Z"));
        assertThat(CronSchedule.parse("@monthly", "UTC").next(utc("2026-01-02T10:00:00Z")))
                .contains(utc("2026-02-01T00:00:00Z"));
        assertThat(CronSchedule.parse("@YEARLY", "UTC").next(utc("2026-01-02T10:00:00Z")))
                .contains(utc("2027-01-01T00:00:00Z"));
        assertThat(CronSchedule.parse("@annually", "UTC").next(utc("2026-01-02T10:00:00Z")))
                .contains(utc("2027-01-01T00:00:00Z"));
        assertThat(CronSchedule.parse("* * * * 7", "UTC").next(utc("2026-01-02T10:00:00Z")))
                .as("7 is Sunday").contains(utc("2026-01-04T00:00:00Z"));
    }

    @Test
    void readsTheCronInItsTimeZone() {
        CronSchedule nineInTokyo = CronSchedule.parse("0 9 * * *", "Asia/Tokyo");
        assertThat(nineInTokyo.next(utc("2026-06-01T00:00:00Z"))).contains(utc("2026-06-02T00:00:00Z"));
        assertThat(nineInTokyo.previous(utc("2026-06-01T00:00:00Z"))).contains(utc("2026-06-01T00:00:00Z"));
    }

    @Test
    void dayOfMonthAndDayOfWeekTogetherMeanEither() {
        CronSchedule firstOrMonday = CronSchedule.parse("0 0 1 * 1", "UTC");
        assertThat(firstOrMonday.times(utc("2026-06-01T00:00:00Z"), 3)).containsExactly(
                utc("2026-06-01T00:00:00Z"), utc("2026-06-08T00:00:00Z"), utc("2026-06-15T00:00:00Z"));
    }

    @Test
    void anEmptyCronIsManualOnlyAndNeverTicks() {
        CronSchedule manual = CronSchedule.parse("", "Asia/Tokyo");
        assertThat(manual.isManualOnly()).isTrue();
        assertThat(manual.next(utc("2026-01-01T00:00:00Z"))).isEmpty();
        assertThat(manual.previous(utc("2026-01-01T00:00:00Z"))).isEmpty();
        assertThat(manual.times(utc("2026-01-01T00:00:00Z"), 5)).isEmpty();
        assertThat(manual.runTimes(utc("2026-01-01T00:00:00.250Z"), 5)).containsExactly(utc("2026-01-01T00:00:00Z"));
    }

    @Test
    void hourlyRuns24TimesOnAnOrdinaryDay() {
        assertThat(ticksOn("@hourly", "UTC", "2026-06-01")).hasSize(24);
        assertThat(ticksOn("@hourly", "America/New_York", "2026-06-01")).hasSize(24);
    }

    @Test
    void hourlyRuns23TimesOnTheSpringForwardDayAnd25OnTheFallBackDay() {
        List<Instant> spring = ticksOn("@hourly", "America/New_York", "2026-03-08");
        assertThat(spring).hasSize(23).doesNotHaveDuplicates().isSorted();
        assertThat(spring).contains(local("2026-03-08T01:00-05:00"), local("2026-03-08T03:00-04:00"));
        List<Instant> fall = ticksOn("@hourly", "America/New_York", "2026-11-01");
        assertThat(fall).hasSize(25).doesNotHaveDuplicates().isSorted();
        assertThat(fall).contains(local("2026-11-01T01:00-04:00"), local("2026-11-01T01:00-05:00"));
    }

    @Test
    void aWallTimeInTheSpringForwardGapRunsAsLateAsTheClockJumped() {
        CronSchedule twoThirty = CronSchedule.parse("30 2 * * *", "America/New_York");
        assertThat(twoThirty.times(local("2026-03-07T00:00-05:00"), 3)).containsExactly(
                local("2026-03-07T02:30-05:00"), local("2026-03-08T03:30-04:00"), local("2026-03-09T02:30-04:00"));
        assertThat(twoThirty.previous(local("2026-03-08T23:00-04:00"))).contains(local("2026-03-08T03:30-04:00"));
        assertThat(twoThirty.previous(local("2026-03-08T03:29-04:00"))).contains(local("2026-03-07T02:30-05:00"));
    }

    @Test
    void timesInTheGapStayDistinct() {
        assertThat(CronSchedule.parse("*/15 2 * * *", "America/New_York").times(local("2026-03-08T00:00-05:00"), 5))
                .containsExactly(local("2026-03-08T03:00-04:00"), local("2026-03-08T03:15-04:00"),
                        local("2026-03-08T03:30-04:00"), local("2026-03-08T03:45-04:00"),
                        local("2026-03-09T02:00-04:00"));
    }

    @Test
    void aRepeatedWallTimeRunsOnceAtItsFirstOccurrence() {
        CronSchedule oneThirty = CronSchedule.parse("30 1 * * *", "America/New_York");
        assertThat(oneThirty.times(local("2026-10-31T00:00-04:00"), 3)).containsExactly(
                local("2026-10-31T01:30-04:00"), local("2026-11-01T01:30-04:00"), local("2026-11-02T01:30-05:00"));
        assertThat(oneThirty.next(local("2026-11-01T01:30-04:00"))).contains(local("2026-11-02T01:30-05:00"));
        assertThat(oneThirty.previous(local("2026-11-01T01:45-05:00"))).contains(local("2026-11-01T01:30-04:00"));
        assertThat(ticksOn("*/20 1 * * *", "America/New_York", "2026-11-01")).containsExactly(
                local("2026-11-01T01:00-04:00"), local("2026-11-01T01:20-04:00"), local("2026-11-01T01:40-04:00"));
    }

    @Test
    void previousAndNextAgreeAcrossTransitions() {
        for (String cron : List.of("@hourly", "30 1 * * *", "30 2 * * *", "*/20 * * * *", "*/7 1-3 * * *", "0 */2 * * *")) {
            for (String zone : List.of("America/New_York", "Europe/London", "Australia/Lord_Howe", "UTC")) {
                for (String from : List.of("2026-03-07T00:00:00Z", "2026-10-31T00:00:00Z", "2026-04-04T00:00:00Z")) {
                    CronSchedule schedule = CronSchedule.parse(cron, zone);
                    List<Instant> times = schedule.times(utc(from), 200);
                    assertThat(times).as(cron + " in " + zone).isSorted().doesNotHaveDuplicates();
                    for (int i = 1; i < times.size(); i++) {
                        assertThat(schedule.previous(times.get(i))).contains(times.get(i));
                        assertThat(schedule.previous(times.get(i).minusSeconds(1))).as(cron + " in " + zone)
                                .contains(times.get(i - 1));
                        assertThat(schedule.next(times.get(i - 1))).contains(times.get(i));
                    }
                }
            }
        }
    }

    @Test
    void backfillTimesStartAtOrAfterTheGivenTime() {
        CronSchedule hourly = CronSchedule.parse("0 * * * *", "UTC");
        assertThat(hourly.times(utc("2026-01-01T00:00:00Z"), 3)).containsExactly(utc("2026-01-01T00:00:00Z"),
                utc("2026-01-01T01:00:00Z"), utc("2026-01-01T02:00:00Z"));
        assertThat(hourly.runTimes(utc("2026-01-01T00:00:01Z"), 2)).containsExactly(utc("2026-01-01T01:00:00Z"),
                utc("2026-01-01T02:00:00Z"));
        assertThat(hourly.times(utc("2026-01-01T00:00:00Z"), 0)).isEmpty();
    }

    @Test
    void nextIsStrictlyAfterAndPreviousIsAtOrBefore() {
        CronSchedule minutely = CronSchedule.parse("* * * * *", "UTC");
        assertThat(minutely.next(utc("2026-01-01T00:00:00Z"))).contains(utc("2026-01-01T00:01:00Z"));
        assertThat(minutely.next(utc("2026-01-01T00:00:59.999Z"))).contains(utc("2026-01-01T00:01:00Z"));
        assertThat(minutely.previous(utc("2026-01-01T00:01:00Z"))).contains(utc("2026-01-01T00:01:00Z"));
        assertThat(minutely.previous(utc("2026-01-01T00:00:59.999Z"))).contains(utc("2026-01-01T00:00:00Z"));
    }

    private static List<Instant> ticksOn(String cron, String zone, String day) {
        ZoneId zoneId = ZoneId.of(zone);
        Instant start = LocalDate.parse(day).atStartOfDay(zoneId).toInstant();
        Instant end = LocalDate.parse(day).plusDays(1).atStartOfDay(zoneId).toInstant();
        return CronSchedule.parse(cron, zone).times(start, 100).stream().filter(t -> t.isBefore(end)).toList();
    }

    private static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    private static Instant local(String offsetDateTime) {
        return ZonedDateTime.parse(offsetDateTime).toInstant();
    }
}
