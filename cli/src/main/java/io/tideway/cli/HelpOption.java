package io.tideway.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} for every command (the version option stays on {@code td} itself). */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
