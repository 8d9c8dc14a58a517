package io.tideway.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Job priority, -2 to 2, written as a number or as the toolbelt's names (VERY LOW ... VERY HIGH). */
final class Priority {

    private static final String[] NAMES = {"VERY LOW", "LOW", "NORMAL", "HIGH", "VERY HIGH"};

    private Priority() {
    }

    static int parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.matches("very[ _-]?low|-2")) {
            return -2;
        } else if (s.matches("low|-1")) {
            return -1;
        } else if (s.matches("norm(al)?|[-+]?0")) {
            return 0;
        } else if (s.matches("high|\\+?1")) {
            return 1;
        } else if (s.matches("very[ _-]?high|\\+?2")) {
            return 2;
        }
        throw new CommandLine.TypeConversionException("unknown priority '" + text + "': should be -2 (very-low), "
                + "-1 (low), 0 (normal), 1 (high) or 2 (very-high)");
    }

    static String name(int priority) {
        return priority >= -2 && priority <= 2 ? NAMES[priority + 2] : "NORMAL";
    }

    /** picocli converter for {@code -P}. */
    static final class Converter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value);
        }
    }
}
