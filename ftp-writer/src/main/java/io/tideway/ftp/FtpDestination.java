package io.tideway.ftp;

import io.tideway.destination.DestinationUrl;
import io.tideway.writer.Delivery;
import io.tideway.writer.DeliveryException;
import io.tideway.writer.DeliveryRequest;
import io.tideway.writer.Destination;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;

/**
 * Delivers a result as a CSV file ({@link CsvWriter}) to {@code ftp://user:pass@host[:port]/dir/file.csv}: logs in
 * (anonymously when the URL names no user), uses passive mode and binary type, creates missing directories level by
 * level from the login directory, streams the rows to a temporary file in the target directory and renames it over
 * the final name on commit, so nobody ever sees half a file and delivering again replaces the file whole.
 *
 * <p>A 5xx reply fails the job; 4xx replies and I/O errors (refused connections, timeouts) are retried.
 */
public final class FtpDestination implements Destination {

    private final FtpSettings settings;

    public FtpDestination(FtpSettings settings) {
        this.settings = settings;
    }

    @Override
    public Delivery open(DeliveryRequest request) throws DeliveryException {
        if (!request.url().scheme().equals("ftp")) {
            throw DeliveryException.permanent("The ftp-writer cannot deliver to " + request.url().masked()
                    + ": it delivers ftp:// URLs only");
        }
        FtpSession session = new FtpSession(request.url(), new FTPClient());
        try {
            session.connect(settings);
            session.login();
            FtpPath path = FtpPath.of(request.url().path(), request.jobId());
            session.enterDirectory(path);
            OutputStream upload = session.startUpload(path.temporaryName());
            CsvWriter csv = new CsvWriter(upload, settings.bufferSize());
            FtpDelivery delivery = new FtpDelivery(session, path, upload, csv);
            delivery.writeHeader(request.columnNames());
            return delivery;
        } catch (DeliveryException e) {
            session.disconnect();
            throw e;
        } catch (IOException e) {
            session.disconnect();
            throw session.ioFailure("start uploading to", e);
        }
    }

    @Override
    public String toString() {
        return "FTP (" + settings + ")";
    }

    /** The directories and file name of a URL path, and the temporary name the upload goes to first. */
    record FtpPath(java.util.List<String> directories, String fileName, String temporaryName) {

        static FtpPath of(String urlPath, String jobId) {
            java.util.List<String> parts = java.util.Arrays.stream(urlPath.split("/")).filter(p -> !p.isEmpty())
                    .toList();
            String fileName = parts.get(parts.size() - 1);
            String safeJobId = jobId.replaceAll("[^A-Za-z0-9._-]", "_");
            return new FtpPath(parts.subList(0, parts.size() - 1), fileName, "." + fileName + "." + safeJobId + ".tmp");
        }

        String directory(int levels) {
            return "/" + String.join("/", directories.subList(0, levels));
        }
    }

    /** One logged-in control connection, with the replies turned into {@link DeliveryException}s. */
    static final class FtpSession {

        private final DestinationUrl url;
        private final FTPClient ftp;

        FtpSession(DestinationUrl url, FTPClient ftp) {
            this.url = url;
            this.ftp = ftp;
        }

        void connect(FtpSettings settings) throws IOException, DeliveryException {
            ftp.setControlEncoding(StandardCharsets.UTF_8.name());
            ftp.setConnectTimeout((int) settings.connectTimeout().toMillis());
            ftp.setDefaultTimeout((int) settings.dataTimeout().toMillis());
            ftp.setDataTimeout(settings.dataTimeout());
            // In binary mode commons-net hands out the bare socket stream; the CsvWriter's buffer is the one that
            // counts; setBufferSize is set for commons-net's own buffered transfers.
            ftp.setBufferSize(settings.bufferSize());
            ftp.setSendDataSocketBufferSize(Math.min(settings.bufferSize(), 1024 * 1024));
            ftp.connect(url.host(), url.port());
            ftp.setSoTimeout((int) settings.dataTimeout().toMillis());
            require(org.apache.commons.net.ftp.FTPReply.isPositiveCompletion(ftp.getReplyCode()), "connect to");
        }

        void login() throws IOException, DeliveryException {
            String user = url.user().filter(u -> !u.isEmpty()).orElse("anonymous");
            String password = url.password().orElse(url.user().isPresent() ? "" : "anonymous@");
            require(ftp.login(user, password), "log in as " + user + " to");
            ftp.enterLocalPassiveMode();
            // A PASV reply names the address to open the data connection to; a hostile or misconfigured server could
            // point it at another host (FTP bounce, or the writer's own network). Data goes to the control
            // connection's address only: the port is taken from the reply, the address never. (Commons Net's
            // default since 3.9; said here so that no upgrade or setting changes it unnoticed.)
            ftp.setIpAddressFromPasvResponse(false);
            // Active mode is never used; should it be, a data connection from another host is refused.
            ftp.setRemoteVerificationEnabled(true);
            require(ftp.setFileType(FTP.BINARY_FILE_TYPE), "switch to binary mode on");
        }

        void enterDirectory(FtpPath path) throws IOException, DeliveryException {
            for (int level = 1; level <= path.directories().size(); level++) {
                String name = path.directories().get(level - 1);
                if (ftp.changeWorkingDirectory(name)) {
                    continue;
                }
                boolean made = ftp.makeDirectory(name);
                int makeReply = ftp.getReplyCode();
                String makeText = ftp.getReplyString();
                if (!ftp.changeWorkingDirectory(name)) { // made by someone else in between is fine too
                    throw made ? failure("enter directory " + path.directory(level) + " on")
                            : failure("create directory " + path.directory(level) + " on", makeReply, makeText);
                }
            }
        }

        OutputStream startUpload(String name) throws IOException, DeliveryException {
            OutputStream upload = ftp.storeFileStream(name);
            require(upload != null, "start uploading " + name + " to");
            return upload;
        }

        void finishUpload(String name) throws IOException, DeliveryException {
            require(ftp.completePendingCommand(), "finish uploading " + name + " to");
        }

        /** Renames the upload over the final name; where the server refuses to replace a file, deletes it first. */
        void replace(String temporaryName, String fileName) throws IOException, DeliveryException {
            if (ftp.rename(temporaryName, fileName)) {
                return;
            }
            if (ftp.deleteFile(fileName) && ftp.rename(temporaryName, fileName)) {
                return;
            }
            throw failure("rename the uploaded " + temporaryName + " to " + fileName + " on");
        }

        void deleteQuietly(String name) {
            try {
                ftp.deleteFile(name);
            } catch (IOException | RuntimeException ignored) {
                // best effort: the next attempt uploads to the same temporary name anyway
            }
        }

        void completeQuietly() {
            try {
                ftp.completePendingCommand();
            } catch (IOException | RuntimeException ignored) {
                // the upload is being given up; its reply no longer matters
            }
        }

        void logout() {
            try {
                ftp.logout();
            } catch (IOException | RuntimeException ignored) {
                // the file is in place; a failed goodbye changes nothing
            }
            disconnect();
        }

        void disconnect() {
            try {
                if (ftp.isConnected()) {
                    ftp.disconnect();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        private void require(boolean ok, String doing) throws DeliveryException {
            if (!ok) {
                throw failure(doing);
            }
        }

        DeliveryException failure(String doing) {
            return failure(doing, ftp.getReplyCode(), ftp.getReplyString());
        }

        /** A refusal by the server: 5xx replies are permanent, anything else (4xx) may pass. */
        DeliveryException failure(String doing, int reply, String replyText) {
            String text = replyText == null ? "no reply" : url.masker().mask(replyText.strip());
            return new DeliveryException("Cannot " + doing + " " + url.masked() + ": " + text, reply < 500, null);
        }

        DeliveryException ioFailure(String doing, IOException e) {
            return DeliveryException.retriable("Cannot " + doing + " " + url.masked() + ": "
                    + url.masker().mask(String.valueOf(e)), e);
        }
    }
}
