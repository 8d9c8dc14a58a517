package io.tideway.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the table: the figures side by side, the target, whether it was met (null when the measurement has
 * no comparable target or did not complete), how it was measured, and the details behind the figure.
 */
final class Measurement {

    String name;
    String tideway = "—";
    String reference = "—";
    String ratio = "—";
    String target = "—";
    Boolean met;
    String how = "";
    final List<String> details = new ArrayList<>();
    String error;
    /** The machine's 1-minute load average when the measurement started and ended. */
    String load = "—";

    Measurement(String name) {
        this.name = name;
    }

    Measurement renamed(String name) {
        this.name = name;
        return this;
    }

    Measurement detail(String line) {
        details.add(line);
        System.out.println("    " + line);
        return this;
    }

    String metText() {
        if (error != null) {
            return "error";
        }
        return met == null ? "n/a" : met ? "yes" : "NO";
    }
}
