package io.tideway.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as people type them and as the API writes them: unix seconds, ISO-8601, or
 * {@code YYYY-MM-DD HH:MM:SS [ZONE]} (the API's {@code 2026-11-22 00:00:00 UTC}). A time without a zone stays
 * local until the caller says which zone it is in.
 */
record TimeText(Instant instant, LocalDateTime local) {

    static final String FORMATS = "unix seconds (1795305600), ISO-8601 (2026-11-22T00:00:00Z) or "
            + "'YYYY-MM-DD HH:MM:SS [ZONE]'";

    private static final Pattern SPACED = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})(?:[ T](\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?))?\\s*(\\S*)");
    private static final Pattern NUMERIC_OFFSET = Pattern.compile("[+-]\\d{2}:?\\d{2}");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The time, or {@code null} when the text is none of {@link #FORMATS}. */
    static TimeText parse(String text) {
        String s = text.trim();
        if (s.matches("-?\\d{1,12}")) {
            return new TimeText(Instant.ofEpochSecond(Long.parseLong(s)), null);
        }
        try {
            return new TimeText(ZonedDateTime.parse(s, DateTimeFormatter.ISO_DATE_TIME).toInstant(), null);
        } catch (DateTimeParseException e) {
            // not ISO-8601 with a zone: try the spaced form
        }
        Matcher m = SPACED.matcher(s);
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(LocalDate.parse(m.group(1)),
                    m.group(2) == null ? LocalTime.MIDNIGHT : LocalTime.parse(pad(m.group(2))));
            String zone = m.group(3);
            if (zone.isEmpty()) {
                return new TimeText(null, local);
            }
            return new TimeText(local.atZone(zone(zone)).toInstant(), null);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A time the API sent, read in UTC when it names no zone; {@code null} when it is not a time. */
    static Instant fromApi(String text) {
        TimeText time = text == null || text.isBlank() ? null : parse(text);
        return time == null ? null : time.in(ZoneOffset.UTC);
    }

    /** The instant, reading a zone-less time in {@code zone}. */
    Instant in(ZoneId zone) {
        return instant != null ? instant : local.atZone(zone).toInstant();
    }

    boolean hasZone() {
        return instant != null;
    }

    /** {@code 2026-11-22 09:00:00 Asia/Tokyo}. */
    static String format(Instant instant, ZoneId zone) {
        return SHOWN.format(instant.atZone(zone)) + " " + (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId());
    }

    /** An API time shown in {@code zone}, or as the API wrote it when it cannot be read. */
    static String show(String apiText, ZoneId zone) {
        Instant instant = fromApi(apiText);
        return instant == null ? apiText == null ? "" : apiText : format(instant, zone);
    }

    /** The zone named, UTC for a blank or unknown name. */
    static ZoneId zoneOrUtc(String name) {
        if (name == null || name.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return zone(name.trim());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** A zone by IANA name, {@code UTC}/{@code Z}, or offset; {@link DateTimeException} when unknown. */
    static ZoneId zone(String name) {
        if (name.equals("Z") || name.equals("UTC") || name.equals("GMT")) {
            return ZoneOffset.UTC;
        }
        if (NUMERIC_OFFSET.matcher(name).matches()) {
            return ZoneOffset.of(name.length() == 5 ? name.substring(0, 3) + ":" + name.substring(3) : name);
        }
        return ZoneId.of(name);
    }

    private static String pad(String time) {
        return time.indexOf(':') == 1 ? "0" + time : time;
    }
}
