package io.tideway.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the table: the figures side by side, the target, whether it was met (null when the measurement has
 * no comparable target or did not complete), how it was measured, and the details behind the figure.
 */
final class Measurement {

    final String name;
    String tideway = "—";
    String reference = "—";
    String ratio = "—";
    String target = "—";
    Boolean met;
    String how = "";
    final List<String> details = new ArrayList<>();
    String error;

    Measurement(String name) {
        this.name = name;
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
