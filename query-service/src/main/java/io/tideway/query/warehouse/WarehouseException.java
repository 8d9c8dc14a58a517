package io.tideway.query.warehouse;

/** A change of the warehouse refused for a reason the caller can act on; the message says what and why. */
public class WarehouseException extends RuntimeException {

    /** Why, in terms an API can answer with. */
    public enum Kind {
        /** A bad name or a body that cannot be read. */
        INVALID,
        NOT_FOUND,
        /** The thing exists already; {@link #conflictsWith()} names it. */
        CONFLICT,
        /** Values a column cannot take. */
        TYPE_CONFLICT
    }

    private final Kind kind;
    private final String conflictsWith;

    public WarehouseException(Kind kind, String message) {
        this(kind, message, null);
    }

    public WarehouseException(Kind kind, String message, String conflictsWith) {
        super(message);
        this.kind = kind;
        this.conflictsWith = conflictsWith;
    }

    static WarehouseException notFound(String message) {
        return new WarehouseException(Kind.NOT_FOUND, message);
    }

    static WarehouseException invalid(String message) {
        return new WarehouseException(Kind.INVALID, message);
    }

    static WarehouseException conflict(String message, String conflictsWith) {
        return new WarehouseException(Kind.CONFLICT, message, conflictsWith);
    }

    public Kind kind() {
        return kind;
    }

    public String conflictsWith() {
        return conflictsWith;
    }
}
