package io.tideway.td;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * One part of an import, built in a temporary file as the rows come: gzip of msgpack maps, one per row, back to
 * back. A delivery holds one part at a time, so what it keeps in memory is a few buffers, however large the result.
 */
final class Part implements AutoCloseable {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final String name;
    private final Path file;
    private final MessagePacker packer;
    private long rows;
    private boolean finished;

    private Part(String name, Path file, MessagePacker packer) {
        this.name = name;
        this.file = file;
        this.packer = packer;
    }

    /** Starts part {@code index} ({@code part-00000}, {@code part-00001}, …) in a new file in {@code dir}. */
    static Part start(Path dir, String session, int index) throws IOException {
        String name = String.format("part-%05d", index);
        Path file = Files.createTempFile(dir, session + "-" + name + "-", ".msgpack.gz");
        try {
            GZIPOutputStream gzip = new GZIPOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(file), BUFFER_SIZE), BUFFER_SIZE);
            return new Part(name, file, MessagePack.newDefaultPacker(gzip));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Adds a row with the packer. */
    void add(RowPacker rowPacker, List<Object> cells, long row) throws IOException, RowPacker.BadCellException {
        rowPacker.pack(packer, cells, row);
        rows++;
    }

    String name() {
        return name;
    }

    long rows() {
        return rows;
    }

    /** The msgpack bytes of the rows so far, before gzip. */
    long msgpackBytes() {
        return packer.getTotalWrittenBytes();
    }

    /** Ends the gzip stream and closes the file; returns it, ready to upload. */
    Path finish() throws IOException {
        finished = true;
        packer.close();
        return file;
    }

    /** Deletes the file (closing it first if need be). */
    @Override
    public void close() {
        try {
            if (!finished) {
                finished = true;
                packer.close();
            }
        } catch (IOException | RuntimeException e) {
            // being thrown away
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
