package io.tideway.td;

import io.tideway.writer.Delivery;
import io.tideway.writer.DeliveryException;
import io.tideway.writer.Receipt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One attempt at importing a job's rows: they go into the current {@link Part} file, which is uploaded (and
 * deleted) once it holds {@link TdSettings#partRows()} rows or {@link TdSettings#partBytes()} bytes; commit uploads
 * the last part and commits the session. Part names follow the rows, so every attempt cuts the same rows into the
 * same parts under the same names. When the session turns out to be committed already (by an earlier delivery),
 * the rows are let go and the commit reports what that delivery imported.
 */
final class TdDelivery implements Delivery {

    private final BulkImportSession session;
    private final RowPacker rowPacker;
    private final TdSettings settings;
    private Part part;
    private int parts;
    private long rows;
    private long bytes;
    private boolean committedBefore;

    TdDelivery(BulkImportSession session, RowPacker rowPacker, TdSettings settings, boolean committedBefore) {
        this.session = session;
        this.rowPacker = rowPacker;
        this.settings = settings;
        this.committedBefore = committedBefore;
    }

    @Override
    public void write(List<List<Object>> batch) throws DeliveryException {
        if (committedBefore) {
            return;
        }
        try {
            for (List<Object> row : batch) {
                add(row);
                if (part.rows() >= settings.partRows() || part.msgpackBytes() >= settings.partBytes()) {
                    upload();
                    if (committedBefore) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            throw DeliveryException.retriable("Cannot write part " + String.format("part-%05d", parts) + " for "
                    + session.target().url().masked() + " in " + settings.tempDir() + ": " + e, e);
        } catch (RowPacker.BadCellException e) {
            throw DeliveryException.permanent("Cannot write the result for " + session.target().url().masked()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Receipt commit() throws DeliveryException {
        if (part != null && !committedBefore) {
            upload();
        }
        if (committedBefore) {
            return new Receipt(session.committedRows(), 0, 0);
        }
        session.commit();
        return new Receipt(rows, bytes, 0);
    }

    @Override
    public void abort() {
        closePart();
        if (!committedBefore) {
            session.deleteQuietly();
        }
    }

    private void add(List<Object> row) throws IOException, RowPacker.BadCellException {
        if (part == null) {
            part = Part.start(settings.tempDir(), session.target().session(), parts);
        }
        part.add(rowPacker, row, rows);
        rows++;
    }

    /** Uploads the current part and lets it go; the next row starts the next part. */
    private void upload() throws DeliveryException {
        try {
            Path file = part.finish();
            long size = Files.size(file);
            committedBefore = !session.upload(part.name(), file);
            bytes += size;
            parts++;
        } catch (IOException e) {
            throw DeliveryException.retriable("Cannot finish " + part.name() + " for "
                    + session.target().url().masked() + " in " + settings.tempDir() + ": " + e, e);
        } finally {
            closePart();
        }
    }

    private void closePart() {
        if (part != null) {
            part.close();
            part = null;
        }
    }
}
