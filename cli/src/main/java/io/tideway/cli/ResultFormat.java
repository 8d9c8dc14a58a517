package io.tideway.cli;

import picocli.CommandLine;

/** A format of {@code GET /v3/job/result/{id}?format=...}, written through byte for byte. */
enum ResultFormat {
    CSV("csv", true), TSV("tsv", true), JSON("json", true), MSGPACK("msgpack", false),
    MSGPACK_GZ("msgpack.gz", false);

    final String wireName;
    final boolean text;

    ResultFormat(String wireName, boolean text) {
        this.wireName = wireName;
        this.text = text;
    }

    static final class Converter implements CommandLine.ITypeConverter<ResultFormat> {
        @Override
        public ResultFormat convert(String value) {
            for (ResultFormat format : values()) {
                if (format.wireName.equals(value)) {
                    return format;
                }
            }
            throw new CommandLine.TypeConversionException("unknown format '" + value
                    + "': supported formats are csv, tsv and json (msgpack and msgpack.gz with -o)");
        }
    }
}
