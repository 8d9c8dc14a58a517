package io.tideway.query.warehouse;

import java.util.regex.Pattern;

/**
 * Treasure Data's rule for database and table names, which this service enforces: lowercase letters, digits and
 * {@code _}, 3 to 256 characters (td-client-java checks the same before it sends a database name). Bulk-import
 * session and part names are freer, as writers name them after job ids: letters, digits, {@code _ . -}, 1 to 256.
 */
public final class Names {

    private static final Pattern TD_NAME = Pattern.compile("[a-z0-9_]{3,256}");
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && TD_NAME.matcher(name).matches();
    }

    /** Refuses a database or table name ({@code what}) outside Treasure Data's rule. */
    public static String require(String what, String name) {
        if (!isValid(name)) {
            throw WarehouseException.invalid("The " + what + " name '" + name + "' is not valid: use 3 to 256 "
                    + "lowercase letters (a-z), digits and '_'");
        }
        return name;
    }

    static String requireSessionName(String what, String name) {
        if (name == null || !SESSION_NAME.matcher(name).matches()) {
            throw WarehouseException.invalid("The " + what + " name '" + name + "' is not valid: use 1 to 256 "
                    + "letters, digits, '_', '.' and '-'");
        }
        return name;
    }
}
