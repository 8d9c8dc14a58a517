package io.tideway.query.accounts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Context;
import io.tideway.query.config.QuerySettings;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and their keys, kept in {@code accounts.json} in the data directory (keys as digests only). With
 * {@code tideway.query.bootstrap-api-key} set, account "1" exists at start with that master key and the write-only
 * key derived from it ({@link ApiKeys#derivedWriteOnlyKey}). {@link AccountAdmin} adds accounts to the same file
 * while the service runs: a key this store does not know makes it read the file again if it changed.
 */
@Context
public class AccountStore {

    public static final String LOCAL_ACCOUNT_ID = "1";
    private static final String LOCAL_ACCOUNT_NAME = "local";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
    private static final Logger LOG = LoggerFactory.getLogger(AccountStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;
    private volatile List<Account> accounts;
    private volatile FileTime loadedVersion;

    @Inject
    public AccountStore(QuerySettings settings) {
        this(settings.dataDir(), settings.bootstrapApiKey());
    }

    /** The store of a data directory; {@code bootstrapApiKey} may be null. */
    public AccountStore(Path dataDir, String bootstrapApiKey) {
        this.file = dataDir.resolve("accounts.json");
        reload();
        if (bootstrapApiKey != null) {
            ensureLocalAccount(bootstrapApiKey);
        } else if (accounts.isEmpty()) {
            LOG.warn("No accounts and no tideway.query.bootstrap-api-key: every API call will be refused (401)");
        }
    }

    /** The caller a key belongs to, with what the key may do. */
    public Optional<Caller> authenticate(String apiKey) {
        if (apiKey == null) {
            return Optional.empty();
        }
        Optional<Caller> caller = match(apiKey);
        if (caller.isEmpty() && fileChanged()) {
            reload();
            caller = match(apiKey);
        }
        return caller;
    }

    public Optional<Account> find(String id) {
        return accounts.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public List<Account> list() {
        if (fileChanged()) {
            reload();
        }
        return accounts;
    }

    /** Creates an account with new random keys, returned in clear this once. */
    public NewAccount create(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Account name '" + name + "' is not valid: use 1 to 64 letters, digits, "
                    + "'_', '.', '@' or '-', starting with a letter or digit");
        }
        NewAccount[] created = new NewAccount[1];
        modify(current -> {
            if (current.stream().anyMatch(a -> a.name().equals(name))) {
                throw new IllegalArgumentException("An account named '" + name + "' exists already");
            }
            String id = String.valueOf(current.stream().mapToLong(a -> Long.parseLong(a.id())).max().orElse(0) + 1);
            String master = ApiKeys.generate(id);
            String writeOnly = ApiKeys.generate(id);
            Account account = new Account(id, name, ApiKeys.hash(master), ApiKeys.hash(writeOnly));
            created[0] = new NewAccount(account, master, writeOnly);
            List<Account> updated = new ArrayList<>(current);
            updated.add(account);
            return updated;
        });
        LOG.info("Account {} ({}) created", created[0].account().id(), name);
        return created[0];
    }

    private Optional<Caller> match(String apiKey) {
        byte[] hash = ApiKeys.hash(apiKey).getBytes(StandardCharsets.US_ASCII);
        for (Account a : accounts) {
            if (same(hash, a.masterKeyHash())) {
                return Optional.of(new Caller(a, KeyType.MASTER, apiKey));
            }
            if (same(hash, a.writeOnlyKeyHash())) {
                return Optional.of(new Caller(a, KeyType.WRITE_ONLY, apiKey));
            }
        }
        return Optional.empty();
    }

    private static boolean same(byte[] hash, String stored) {
        return stored != null && MessageDigest.isEqual(hash, stored.getBytes(StandardCharsets.US_ASCII));
    }

    private void ensureLocalAccount(String key) {
        if (!ApiKeys.hasTdForm(key)) {
            LOG.warn("The bootstrap API key is not of the form <account id>/<40 lowercase hex>: td-client-java will "
                    + "send it without the TD1 prefix (accepted), other clients may not");
        }
        Account local = new Account(LOCAL_ACCOUNT_ID, LOCAL_ACCOUNT_NAME, ApiKeys.hash(key),
                ApiKeys.hash(ApiKeys.derivedWriteOnlyKey(LOCAL_ACCOUNT_ID, key)));
        if (find(LOCAL_ACCOUNT_ID).filter(local::equals).isPresent()) {
            return;
        }
        modify(current -> {
            List<Account> updated = new ArrayList<>(current.stream().filter(a -> !a.id().equals(LOCAL_ACCOUNT_ID)).toList());
            updated.add(0, local);
            return updated;
        });
        LOG.info("Account {} ({}) has the bootstrap API key", LOCAL_ACCOUNT_ID, LOCAL_ACCOUNT_NAME);
    }

    /** Read, change and write the file under a lock that other processes (AccountAdmin) respect too. */
    private void modify(UnaryOperator<List<Account>> change) {
        synchronized (AccountStore.class) {
            try {
                Files.createDirectories(file.getParent());
                Path lockFile = file.resolveSibling("accounts.lock");
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    List<Account> updated = List.copyOf(change.apply(load(file)));
                    save(updated);
                    accounts = updated;
                    loadedVersion = version(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot update the accounts in " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private void reload() {
        FileTime version = version(file);
        accounts = load(file);
        loadedVersion = version;
    }

    private boolean fileChanged() {
        FileTime now = version(file);
        return now != null && !now.equals(loadedVersion);
    }

    private static FileTime version(Path file) {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Account> load(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(file.toFile(), new TypeReference<List<Account>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the accounts in " + file + ": " + e.getMessage(), e);
        }
    }

    private void save(List<Account> updated) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), updated);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
