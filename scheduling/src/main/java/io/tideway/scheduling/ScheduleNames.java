package io.tideway.scheduling;

import java.util.regex.Pattern;

/** Schedule names: 1 to 128 letters, digits, {@code _} and {@code -}, so that a name fits in a job id unquoted. */
public final class ScheduleNames {

    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private ScheduleNames() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Returns the name, or throws {@link InvalidScheduleException} saying what is wrong with it. */
    public static String validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidScheduleException("name", "Schedule name must not be empty");
        }
        if (name.length() > 128) {
            throw new InvalidScheduleException("name", "Schedule name is " + name.length()
                    + " characters long; at most 128 are allowed");
        }
        if (!isValid(name)) {
            throw new InvalidScheduleException("name", "Schedule name '" + name + "' may hold only letters, digits, "
                    + "'_' and '-'");
        }
        return name;
    }
}
