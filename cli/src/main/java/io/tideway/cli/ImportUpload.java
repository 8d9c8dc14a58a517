package io.tideway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Sends packed chunks with {@code PUT /v3/table/import_with_id/{db}/{table}/{id}/msgpack.gz}. A chunk that meets
 * a broken connection, 408, 429 or 5xx is sent again with the same id (so the server keeps one copy), up to
 * {@link TableImportCommand#MAX_ATTEMPTS} times in all, waiting 1, 2, 4 seconds between.
 */
final class ImportUpload {

    private final Session session;
    private final String database;
    private final String table;
    private final String file;

    ImportUpload(Session session, String database, String table, String file) {
        this.session = session;
        this.database = database;
        this.table = table;
        this.file = file;
    }

    void send(List<ImportChunks.Chunk> chunks, long totalRows) {
        for (ImportChunks.Chunk chunk : chunks) {
            try {
                sendWithRetries(chunk);
            } catch (CliException e) {
                throw new CliException("Importing rows " + chunk.firstRow() + "-" + chunk.lastRow() + " of "
                        + totalRows + " from " + file + " into " + database + "." + table + " failed: "
                        + sentence(e.getMessage()) + (chunk.firstRow() == 1 ? " Nothing was imported."
                        : " Rows 1-" + (chunk.firstRow() - 1) + " were imported; the rest were not."));
            }
        }
    }

    private void sendWithRetries(ImportChunks.Chunk chunk) {
        String path = TableCommands.path("import_with_id", database, table, chunk.uniqueId()) + "/msgpack.gz";
        for (int attempt = 1; ; attempt++) {
            session.err().println("  uploading rows " + chunk.firstRow() + "-" + chunk.lastRow() + " ("
                    + size(chunk) + " bytes)...");
            try {
                session.api().put(path, chunk.file());
                return;
            } catch (CliException e) {
                if (!retriable(e) || attempt == TableImportCommand.MAX_ATTEMPTS) {
                    throw e;
                }
                long wait = 1000L << (attempt - 1);
                session.err().println("  " + sentence(e.getMessage()) + " Trying again in " + wait / 1000 + "s.");
                pause(wait);
            }
        }
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    private static boolean retriable(CliException e) {
        if (e instanceof UnreachableException) {
            return true;
        }
        return e instanceof ApiException api && (api.status() >= 500 || api.status() == 408 || api.status() == 429);
    }

    private void pause(long millis) {
        try {
            session.sleeper().sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted.");
        }
    }

    private static long size(ImportChunks.Chunk chunk) {
        try {
            return Files.size(chunk.file());
        } catch (IOException e) {
            return -1;
        }
    }
}
