package io.tideway.cli;

/** A line of an imported file that cannot be read; nothing has been imported when it is thrown. */
final class BadLineException extends CliException {

    BadLineException(String file, long line, String problem) {
        super(file + ", line " + line + ": " + problem + ". Nothing was imported.");
    }
}
