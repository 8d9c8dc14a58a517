package io.tideway.writer.service.testing;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The service's own {@code logback.xml} (not the tests' one) in force while open, with {@code TIDEWAY_LOG_FORMAT}
 * set as the deployment would set it, and standard output captured: what a service would print. Closing puts the
 * tests' logging and standard output back.
 */
public final class ServiceLogs implements AutoCloseable {

    private final LoggerContext context;
    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private ServiceLogs(String format) throws JoranException {
        context = (LoggerContext) LoggerFactory.getILoggerFactory();
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        URL config = ServiceLogs.class.getResource("/logback.xml");
        if (config == null) {
            throw new IllegalStateException("No logback.xml of a service on the class path");
        }
        context.reset();
        context.putProperty("TIDEWAY_LOG_FORMAT", format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config);
    }

    /** Logs as the service does with {@code TIDEWAY_LOG_FORMAT=format} until closed. */
    public static ServiceLogs start(String format) {
        try {
            return new ServiceLogs(format);
        } catch (JoranException e) {
            throw new IllegalStateException("The service's logback.xml does not load: " + e.getMessage(), e);
        }
    }

    /** The lines printed so far. */
    public synchronized List<String> lines() {
        System.out.flush();
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public void close() throws JoranException {
        context.reset();
        System.setOut(original);
        new ContextInitializer(context).autoConfig();
    }
}
