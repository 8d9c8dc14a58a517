package io.tideway.query.savedresults;

import io.micronaut.context.annotation.Context;
import io.tideway.destination.DestinationUrl;
import io.tideway.destination.InvalidDestinationException;
import io.tideway.destination.SecretBox;
import io.tideway.query.accounts.Caller;
import io.tideway.query.compacted.CompactedTable;
import io.tideway.query.config.KafkaClients;
import io.tideway.query.config.TidewaySettings;
import io.tideway.query.config.TopicSetup;
import io.tideway.query.jobs.ApiPublisher;
import io.tideway.query.jobs.SameAccountTables;
import io.tideway.schemas.Destination;
import io.tideway.schemas.SavedResult;
import io.tideway.schemas.Topics;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saved destinations ({@code td result:create NAME URL}): a table per account folded from the compacted
 * {@code saved-results} topic (keyed {@code accountId/name}, a tombstone deletes), and the resolution of a
 * {@code NAME} or {@code NAME:path} reference into a destination. The URL is stored masked and sealed only.
 *
 * <p>A saved URL may stop short of a file or table, to be completed by the path of each reference:
 * {@code ftp://user:pw@host/reports/} or {@code td://@/testdb} are accepted, and then need {@code NAME:path}.
 */
@Context
public class SavedResults implements AutoCloseable {

    public static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Logger LOG = LoggerFactory.getLogger(SavedResults.class);
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(10);
    private static final String PROBE = "tideway-probe";

    private final CompactedTable<SavedResult> table;
    private final ApiPublisher publisher;
    private final SecretBox secrets;

    public SavedResults(KafkaClients kafka, TopicSetup topicsReady, ApiPublisher publisher, TidewaySettings settings) {
        this.table = new CompactedTable<>(Topics.SAVED_RESULTS, Topics.SAVED_RESULT_SERDE, kafka);
        this.publisher = publisher;
        this.secrets = settings.secretBox();
    }

    /** The account's saved destinations by name. */
    public List<SavedResult> list(String accountId) {
        return table.withKeyPrefix(accountId + "/").stream()
                .sorted(Comparator.comparing(SavedResult::getName)).toList();
    }

    public Optional<SavedResult> find(String accountId, String name) {
        return table.get(key(accountId, name));
    }

    /**
     * Checks, seals and publishes a new saved destination; the table shows it when this returns. A same-account
     * table ({@code td://@/db[/table]}) is sealed with the creator's key, so the jobs that use it write with the
     * creator's rights whoever or whatever (a schedule) runs them.
     */
    public synchronized SavedResult create(Caller creator, String name, String url) {
        String accountId = creator.accountId();
        checkName(name);
        if (url == null || url.isBlank()) {
            throw new SavedResultException(SavedResultException.Reason.INVALID,
                    "Parameter 'url' is required: the destination to save, e.g. ftp://user:password@host/reports/");
        }
        String clear = url.strip();
        Destination destination = sealBase(clear, creator.apiKey());
        if (find(accountId, name).isPresent()) {
            throw new SavedResultException(SavedResultException.Reason.CONFLICT,
                    "Result URL '" + name + "' already exists");
        }
        SavedResult saved = SavedResult.newBuilder().setAccountId(accountId).setName(name)
                .setDestination(destination).setCreatedAt(Instant.ofEpochMilli(System.currentTimeMillis())).build();
        publish(key(accountId, name), Topics.SAVED_RESULT_SERDE.encode(saved), "saved result " + name);
        LOG.info("Saved result {}/{} created: {}", accountId, name, destination.getMaskedUrl());
        return saved;
    }

    /** Deletes with a tombstone; the table no longer shows it when this returns. */
    public synchronized SavedResult delete(String accountId, String name) {
        SavedResult existing = find(accountId, name).orElseThrow(() -> unknown(name));
        publish(key(accountId, name), null, "the deletion of saved result " + name);
        LOG.info("Saved result {}/{} deleted", accountId, name);
        return existing;
    }

    /**
     * The destination {@code reference} ({@code NAME} or {@code NAME:path}) stands for now: the saved URL with the
     * path appended, masked and sealed.
     */
    public Destination resolve(String accountId, String reference) {
        DestinationUrl parsed = DestinationUrl.parse(resolveUrl(accountId, reference));
        return Destination.newBuilder().setScheme(parsed.scheme()).setMaskedUrl(SameAccountTables.shown(parsed))
                .setSealedUrl(secrets.seal(parsed.unmaskedUrl())).build();
    }

    /**
     * The full URL, secrets included, that a reference names: the saved URL with the path appended. Checked to be
     * a complete destination; for sealing by the caller only.
     */
    public String resolveUrl(String accountId, String reference) {
        SavedResultRef ref = SavedResultRef.parse(reference);
        SavedResult saved = find(accountId, ref.name()).orElseThrow(() -> unknown(ref.name()));
        String url = SavedResultRef.join(secrets.open(saved.getDestination().getSealedUrl()), ref.path());
        try {
            DestinationUrl.parse(url);
            return url;
        } catch (InvalidDestinationException e) {
            throw new SavedResultException(SavedResultException.Reason.INVALID, "Result '" + ref + "' (saved as "
                    + saved.getDestination().getMaskedUrl() + ") is not a complete destination: " + e.getMessage()
                    + (ref.path().isEmpty() ? "; give the rest as " + ref.name() + ":PATH" : ""));
        }
    }

    /**
     * The saved URL sealed (a same-account table's with {@code apiKey} put in), masked as given for listings; a URL
     * that needs a path to be complete is accepted too.
     */
    private Destination sealBase(String url, String apiKey) {
        DestinationUrl parsed;
        String masked;
        try {
            parsed = DestinationUrl.parse(url);
            masked = parsed.masked();
        } catch (InvalidDestinationException asGiven) {
            try {
                parsed = DestinationUrl.parse(SavedResultRef.join(url, PROBE));
            } catch (InvalidDestinationException withPath) {
                throw new SavedResultException(SavedResultException.Reason.INVALID, asGiven.getMessage());
            }
            String base = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            masked = parsed.masked().replace(base.endsWith("/") ? PROBE : "/" + PROBE, "");
        }
        return Destination.newBuilder().setScheme(parsed.scheme()).setMaskedUrl(masked)
                .setSealedUrl(secrets.seal(SameAccountTables.withKey(url, parsed, apiKey))).build();
    }

    private static void checkName(String name) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new SavedResultException(SavedResultException.Reason.INVALID, "Result name '" + name
                    + "' must be 1 to 128 letters, digits, '_' or '-'");
        }
    }

    private static SavedResultException unknown(String name) {
        return new SavedResultException(SavedResultException.Reason.NOT_FOUND, "Result URL '" + name
                + "' does not exist: create it with 'td result:create " + name + " URL', or give a URL");
    }

    private void publish(String key, byte[] value, String what) {
        RecordMetadata landed = publisher.publish(what,
                List.of(new ProducerRecord<>(Topics.SAVED_RESULTS, key, value))).get(0);
        if (!table.awaitPast(landed, READ_YOUR_WRITES)) {
            LOG.warn("Published {} but the table has not shown it within {}", what, READ_YOUR_WRITES);
        }
    }

    static String key(String accountId, String name) {
        return accountId + "/" + name;
    }

    public boolean isHealthy() {
        return table.isHealthy();
    }

    @PreDestroy
    @Override
    public void close() {
        table.close();
    }
}
