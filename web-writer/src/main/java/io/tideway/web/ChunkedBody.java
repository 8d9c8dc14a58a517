package io.tideway.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A request body in HTTP/1.1 chunked transfer coding, so it can be sent while it is being produced, its length
 * unknown: bytes gather in one fixed buffer, which goes out as one chunk, frame and data in a single write, whenever
 * it is full. Memory use is that buffer, whatever the body's size. {@link #finish()} sends the last chunk; a body
 * that is never finished is, to the server, a request that never completed.
 */
final class ChunkedBody extends OutputStream {

    static final int CHUNK_SIZE = 64 * 1024;
    private static final int HEAD_ROOM = 10; // "ffffffff\r\n"

    private final OutputStream out;
    private final byte[] frame = new byte[HEAD_ROOM + CHUNK_SIZE + 2];
    private int buffered;
    private long bytes;
    private boolean finished;

    ChunkedBody(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (buffered == CHUNK_SIZE) {
            sendChunk();
        }
        frame[HEAD_ROOM + buffered++] = (byte) b;
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (buffered == CHUNK_SIZE) {
                sendChunk();
            }
            int n = Math.min(len, CHUNK_SIZE - buffered);
            System.arraycopy(b, off, frame, HEAD_ROOM + buffered, n);
            buffered += n;
            bytes += n;
            off += n;
            len -= n;
        }
    }

    /** Does nothing: chunks go out when full, so that a flush of a small buffer upstream sends no tiny chunk. */
    @Override
    public void flush() {
    }

    /** Sends what is buffered and the last, empty chunk, which ends the body. */
    void finish() throws IOException {
        if (!finished) {
            sendChunk();
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            finished = true;
        }
    }

    /** Bytes of body written so far, without the chunk frames. */
    long bytes() {
        return bytes;
    }

    private void sendChunk() throws IOException {
        if (buffered == 0) {
            return;
        }
        byte[] head = (Integer.toHexString(buffered) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int start = HEAD_ROOM - head.length;
        System.arraycopy(head, 0, frame, start, head.length);
        frame[HEAD_ROOM + buffered] = '\r';
        frame[HEAD_ROOM + buffered + 1] = '\n';
        out.write(frame, start, head.length + buffered + 2);
        buffered = 0;
    }
}
