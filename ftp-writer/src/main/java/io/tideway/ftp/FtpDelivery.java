package io.tideway.ftp;

import io.tideway.writer.Delivery;
import io.tideway.writer.DeliveryException;
import io.tideway.writer.EncodedRows;
import io.tideway.writer.Receipt;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** One upload of one job's CSV file, under its temporary name until {@link #commit()}. */
final class FtpDelivery implements Delivery {

    private final FtpDestination.FtpSession session;
    private final FtpDestination.FtpPath path;
    private final OutputStream upload;
    private final CsvWriter csv;
    private final CsvRows csvRows;
    private long rows;
    private boolean uploading = true;

    FtpDelivery(FtpDestination.FtpSession session, FtpDestination.FtpPath path, OutputStream upload, CsvWriter csv) {
        this.session = session;
        this.path = path;
        this.upload = upload;
        this.csv = csv;
        this.csvRows = new CsvRows(csv);
    }

    void writeHeader(List<String> columnNames) throws IOException {
        csv.writeRow(columnNames);
    }

    @Override
    public void write(List<List<Object>> batch) throws DeliveryException {
        try {
            for (List<Object> row : batch) {
                csv.writeRow(row);
            }
        } catch (IOException e) {
            throw session.ioFailure("upload " + path.temporaryName() + " to", e);
        }
        rows += batch.size();
    }

    /** The fast path: cells straight from the batch's bytes into the CSV buffer, no object per row or cell. */
    @Override
    public void write(EncodedRows batch) throws DeliveryException {
        try {
            batch.forEach(csvRows);
        } catch (IOException e) {
            throw session.ioFailure("upload " + path.temporaryName() + " to", e);
        }
        rows += batch.size();
    }

    @Override
    public Receipt commit() throws DeliveryException {
        try {
            csv.flush();
            uploading = false;
            upload.close();
            session.finishUpload(path.temporaryName());
            session.replace(path.temporaryName(), path.fileName());
        } catch (IOException e) {
            throw session.ioFailure("upload " + path.fileName() + " to", e);
        }
        session.logout();
        return new Receipt(rows, csv.bytes(), 0);
    }

    @Override
    public void abort() {
        if (uploading) {
            uploading = false;
            try {
                upload.close();
            } catch (IOException | RuntimeException ignored) {
                // the connection may be gone already
            }
            session.completeQuietly();
        }
        session.deleteQuietly(path.temporaryName());
        session.disconnect();
    }
}
