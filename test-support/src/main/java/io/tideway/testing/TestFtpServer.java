package io.tideway.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * A real FTP server (Apache MINA FtpServer) in this JVM on loopback, for tests: every user logs in to the same
 * home directory, so a test reads what was uploaded straight from {@link #home()}.
 *
 * <pre>{@code
 * TestFtpServer ftp = TestFtpServer.start(tempDir, TestFtpServer.user("alice", "s3cret"));
 * String url = "ftp://alice:s3cret@127.0.0.1:" + ftp.port() + "/reports/out.csv";
 * ...
 * ftp.stop();
 * }</pre>
 */
public final class TestFtpServer implements AutoCloseable {

    private static final String LISTENER = "default";

    private final DefaultFtpServer server;
    private final Path home;

    private TestFtpServer(DefaultFtpServer server, Path home) {
        this.server = server;
        this.home = home;
    }

    /** A user with a password and write permission. */
    public static User user(String name, String password) {
        return new User(name, password, 0);
    }

    /**
     * A user whose uploads are limited to {@code bytesPerSecond}: keeps an upload under way long enough for a test
     * to act in the middle of it.
     */
    public static User slowUser(String name, String password, int bytesPerSecond) {
        return new User(name, password, bytesPerSecond);
    }

    /** Starts a server on a free port. */
    public static TestFtpServer start(Path home, User... users) {
        return start(home, 0, users);
    }

    /** Starts a server on the given port (0: a free one), e.g. to bring a server up where a test expected one. */
    public static TestFtpServer start(Path home, int port, User... users) {
        return start(home, port, null, users);
    }

    /**
     * Starts a server on a free port whose PASV replies name {@code advertisedAddress} instead of the address it
     * listens on, as a server behind NAT, or a hostile one, does.
     */
    public static TestFtpServer startAdvertising(Path home, String advertisedAddress, User... users) {
        return start(home, 0, advertisedAddress, users);
    }

    private static TestFtpServer start(Path home, int port, String advertisedAddress, User... users) {
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(port);
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassiveAddress("127.0.0.1");
        if (advertisedAddress != null) {
            data.setPassiveExternalAddress(advertisedAddress);
        }
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        factory.addListener(LISTENER, listener.createListener());
        factory.setUserManager(userManager(home, users));
        DefaultFtpServer server = (DefaultFtpServer) factory.createServer();
        try {
            server.start();
        } catch (FtpException e) {
            throw new IllegalStateException("Cannot start the test FTP server on port " + port, e);
        }
        return new TestFtpServer(server, home);
    }

    private static UserManager userManager(Path home, User... users) {
        PropertiesUserManagerFactory factory = new PropertiesUserManagerFactory();
        factory.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        UserManager manager = factory.createUserManager();
        for (User user : users) {
            BaseUser base = new BaseUser();
            base.setName(user.name());
            base.setPassword(user.password());
            base.setHomeDirectory(home.toString());
            List<Authority> authorities = new ArrayList<>();
            authorities.add(new WritePermission());
            authorities.add(new ConcurrentLoginPermission(0, 0));
            authorities.add(new TransferRatePermission(0, user.maxUploadBytesPerSecond()));
            base.setAuthorities(authorities);
            try {
                manager.save(base);
            } catch (FtpException e) {
                throw new IllegalStateException("Cannot add FTP user " + user.name(), e);
            }
        }
        return manager;
    }

    /** The port the server listens on, on 127.0.0.1. */
    public int port() {
        return server.getListener(LISTENER).getPort();
    }

    /** The directory every user logs in to. */
    public Path home() {
        return home;
    }

    public void stop() {
        if (!server.isStopped()) {
            server.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** An FTP account; {@code maxUploadBytesPerSecond} 0 means unlimited. */
    public record User(String name, String password, int maxUploadBytesPerSecond) {
    }
}
