package io.tideway.query.api;

import io.tideway.query.results.StoredResults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * A stored result as a byte stream in one format, produced as it is read: a few rows are encoded whenever the
 * reader wants more bytes, so a result of any size is served without holding it in memory. The first rows are encoded at once, so a
 * result that cannot be read fails the request before the response starts.
 */
final class ResultStream extends InputStream {

    private static final int CHUNK_BYTES = 64 * 1024;

    private final StoredResults.Reader rows;
    private final ResultFormat format;
    private final Buffer buffer = new Buffer();
    private final OutputStream encoded;
    private final MessagePacker msgPack;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean finished;

    private final List<String> columnTypes;

    ResultStream(StoredResults.Reader rows, ResultFormat format, List<String> columnTypes) throws IOException {
        this.rows = rows;
        this.format = format;
        this.columnTypes = columnTypes == null ? List.of() : columnTypes;
        this.encoded = format.gzip() ? new GZIPOutputStream(buffer, 8192) : buffer;
        this.msgPack = MessagePack.newDefaultPacker(encoded);
        fill();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (position >= chunk.length) {
            if (finished) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, chunk.length - position);
        System.arraycopy(chunk, position, b, off, n);
        position += n;
        return n;
    }

    private void fill() throws IOException {
        while (buffer.size() < CHUNK_BYTES && rows.hasNext()) {
            format.write(typed(rows.next()), encoded, msgPack);
        }
        msgPack.flush();
        if (!rows.hasNext()) {
            encoded.close();
            finished = true;
        }
        chunk = buffer.toByteArray();
        buffer.reset();
        position = 0;
    }

    /** Decimals travel as exact text; formats with numbers show them as numbers. */
    private List<Object> typed(List<Object> row) {
        if (!format.hasNumbers()) {
            return row;
        }
        for (int i = 0; i < row.size() && i < columnTypes.size(); i++) {
            if (row.get(i) instanceof String text && columnTypes.get(i).equals("double")) {
                try {
                    row.set(i, new BigDecimal(text));
                } catch (NumberFormatException e) {
                    // NaN, Infinity and the like stay text
                }
            }
        }
        return row;
    }

    @Override
    public void close() {
        rows.close();
    }

    /** The bytes encoded so far; closing the gzip stream must not close anything else. */
    private static final class Buffer extends ByteArrayOutputStream {
        @Override
        public void close() {
            // nothing to release
        }
    }
}
