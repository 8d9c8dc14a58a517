package io.tideway.ftp;

import io.tideway.writer.EncodedRows;
import java.io.IOException;

/** Writes the cells of encoded rows as CSV lines, the same bytes as {@link CsvWriter#writeRow} of decoded rows. */
final class CsvRows implements EncodedRows.CellVisitor {

    private final CsvWriter csv;
    private boolean first;

    CsvRows(CsvWriter csv) {
        this.csv = csv;
    }

    @Override
    public void startRow(int cells) {
        first = true;
    }

    private void separate() throws IOException {
        if (first) {
            first = false;
        } else {
            csv.writeSeparator();
        }
    }

    @Override
    public void nullCell() throws IOException {
        separate();
    }

    @Override
    public void booleanCell(boolean value) throws IOException {
        separate();
        csv.writeField(value);
    }

    @Override
    public void longCell(long value) throws IOException {
        separate();
        csv.writeField(value);
    }

    @Override
    public void doubleCell(double value) throws IOException {
        separate();
        csv.writeField(value);
    }

    @Override
    public void stringCell(byte[] utf8, int offset, int length) throws IOException {
        separate();
        csv.writeUtf8Field(utf8, offset, length);
    }

    @Override
    public void endRow() throws IOException {
        csv.writeLineEnd();
    }
}
