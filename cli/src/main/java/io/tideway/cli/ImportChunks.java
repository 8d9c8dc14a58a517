package io.tideway.cli;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Packs rows into the import API's body, a chunk at a time, each in its own file: gzip of msgpack maps back to
 * back. Each chunk's id is the MD5 of the table, the chunk's position and its rows, so sending a chunk again (a
 * retry, or the same import run again) is recognised by {@code import_with_id} and not imported twice, while two
 * chunks that happen to hold the same rows keep different ids.
 */
final class ImportChunks implements Closeable {

    record Chunk(int number, Path file, long firstRow, long rows, String uniqueId) {

        long lastRow() {
            return firstRow + rows - 1;
        }
    }

    private final Path dir;
    private final String database;
    private final String table;
    private final int rowsPerChunk;
    private final List<Chunk> chunks = new ArrayList<>();
    private MessagePacker packer;
    private MessageDigest md5;
    private Path file;
    private long rowsInChunk;
    private long rows;

    ImportChunks(Path dir, String database, String table, int rowsPerChunk) {
        this.dir = dir;
        this.database = database;
        this.table = table;
        this.rowsPerChunk = rowsPerChunk;
    }

    void add(Map<String, Object> row) throws IOException {
        if (packer == null) {
            open();
        }
        pack(row);
        rowsInChunk++;
        rows++;
        if (rowsInChunk == rowsPerChunk) {
            seal();
        }
    }

    List<Chunk> finish() throws IOException {
        if (packer != null) {
            seal();
        }
        return List.copyOf(chunks);
    }

    /** Closes a chunk left open by an error; its file is thrown away with the rest. */
    @Override
    public void close() throws IOException {
        if (packer != null) {
            packer.close();
            packer = null;
        }
    }

    long rows() {
        return rows;
    }

    private void open() throws IOException {
        int number = chunks.size() + 1;
        file = dir.resolve("chunk-" + number + ".msgpack.gz");
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
        md5.update((database + "\0" + table + "\0" + number + "\0").getBytes(StandardCharsets.UTF_8));
        GZIPOutputStream gzip = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                1 << 16);
        packer = MessagePack.newDefaultPacker(new DigestOutputStream(gzip, md5));
        rowsInChunk = 0;
    }

    private void seal() throws IOException {
        packer.close();
        packer = null;
        chunks.add(new Chunk(chunks.size() + 1, file, rows - rowsInChunk + 1, rowsInChunk,
                HexFormat.of().formatHex(md5.digest())));
    }

    private void pack(Object value) throws IOException {
        if (value == null) {
            packer.packNil();
        } else if (value instanceof Long || value instanceof Integer) {
            packer.packLong(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            packer.packDouble(((Number) value).doubleValue());
        } else if (value instanceof Boolean b) {
            packer.packBoolean(b);
        } else if (value instanceof List<?> list) {
            packer.packArrayHeader(list.size());
            for (Object element : list) {
                pack(element);
            }
        } else if (value instanceof Map<?, ?> map) {
            packer.packMapHeader(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                packer.packString(String.valueOf(entry.getKey()));
                pack(entry.getValue());
            }
        } else {
            packer.packString(value.toString());
        }
    }
}
