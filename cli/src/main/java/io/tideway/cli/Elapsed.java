package io.tideway.cli;

/** The toolbelt's way of writing a duration: {@code 5sec}, {@code 2m  5sec}, {@code 1h  2m  5sec}. */
final class Elapsed {

    private Elapsed() {
    }

    static String humanize(long seconds) {
        if (seconds >= 3600) {
            return seconds / 3600 + "h " + String.format("%2dm %2dsec", seconds % 3600 / 60, seconds % 60);
        } else if (seconds >= 60) {
            return String.format("%2dm %2dsec", seconds / 60, seconds % 60);
        }
        return String.format("%2dsec", seconds);
    }
}
