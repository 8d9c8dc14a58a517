package io.tideway.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/** The local stack's FTP server (Apache MINA FtpServer) on loopback, so the demo has somewhere to deliver. */
final class DemoFtpServer implements AutoCloseable {

    static final String USER = "user";
    static final String PASSWORD = "password";

    private final FtpServer server;

    private DemoFtpServer(FtpServer server) {
        this.server = server;
    }

    static DemoFtpServer start(int port, Path home) {
        try {
            Files.createDirectories(home);
            ListenerFactory listener = new ListenerFactory();
            listener.setServerAddress("127.0.0.1");
            listener.setPort(port);
            FtpServerFactory factory = new FtpServerFactory();
            factory.addListener("default", listener.createListener());
            UserManager users = new PropertiesUserManagerFactory().createUserManager();
            BaseUser user = new BaseUser();
            user.setName(USER);
            user.setPassword(PASSWORD);
            user.setHomeDirectory(home.toAbsolutePath().toString());
            user.setAuthorities(List.of(new WritePermission()));
            users.save(user);
            factory.setUserManager(users);
            FtpServer server = factory.createServer();
            server.start();
            return new DemoFtpServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the demo FTP home " + home, e);
        } catch (FtpException e) {
            throw new IllegalStateException("Cannot start the demo FTP server on 127.0.0.1:" + port + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
