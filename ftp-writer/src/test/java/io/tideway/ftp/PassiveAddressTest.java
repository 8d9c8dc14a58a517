package io.tideway.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.destination.DestinationUrl;
import io.tideway.testing.TestFtpServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's PASV reply may name any address (FTP bounce: a hostile server points the writer's data connection at a
 * host inside the writer's network). The writer opens data connections to the control connection's address only.
 */
class PassiveAddressTest {

    @TempDir
    Path home;

    @Test
    void opensDataConnectionsToTheControlConnectionsAddressNotThePasvReplys() throws Exception {
        // 192.0.2.1 is TEST-NET-1: nothing answers there, so following the reply would fail the upload
        try (TestFtpServer ftp = TestFtpServer.startAdvertising(home, "192.0.2.1", TestFtpServer.user("u", "p"))) {
            FTPClient client = new FTPClient();
            List<String> replies = new ArrayList<>();
            client.addProtocolCommandListener(new ProtocolCommandListener() {
                @Override
                public void protocolCommandSent(ProtocolCommandEvent event) {
                }

                @Override
                public void protocolReplyReceived(ProtocolCommandEvent event) {
                    replies.add(event.getMessage());
                }
            });
            FtpDestination.FtpSession session = new FtpDestination.FtpSession(
                    DestinationUrl.parse("ftp://u:p@127.0.0.1:" + ftp.port() + "/f.csv"), client);
            session.connect(new FtpSettings(null, Duration.ofSeconds(5), Duration.ofSeconds(10)));
            session.login();

            try (OutputStream upload = session.startUpload("f.csv")) {
                upload.write("a\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            session.finishUpload("f.csv");
            session.logout();

            assertThat(replies).anySatisfy(r -> assertThat(r).startsWith("227").contains("192,0,2,1"));
            assertThat(Files.readString(home.resolve("f.csv"))).isEqualTo("a\r\n");
        }
    }
}
