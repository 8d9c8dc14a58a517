package io.tideway.query.accounts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.query.config.QuerySettings;
import io.micronaut.context.annotation.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and their master keys, kept in {@code accounts.json} in the data directory (keys as digests only).
 * With {@code tideway.query.bootstrap-api-key} set, account "1" exists at start with that key.
 */
@Context
public class AccountStore {

    public static final String LOCAL_ACCOUNT_ID = "1";
    private static final String LOCAL_ACCOUNT_NAME = "local";
    private static final Logger LOG = LoggerFactory.getLogger(AccountStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private volatile List<Account> accounts;

    public AccountStore(QuerySettings settings) {
        this.file = settings.dataDir().resolve("accounts.json");
        this.accounts = load(file);
        if (settings.bootstrapApiKey() != null) {
            ensureLocalAccount(settings.bootstrapApiKey());
        } else if (accounts.isEmpty()) {
            LOG.warn("No accounts and no tideway.query.bootstrap-api-key: every API call will be refused (401)");
        }
    }

    /** The account a key belongs to. */
    public Optional<Account> authenticate(String apiKey) {
        if (apiKey == null) {
            return Optional.empty();
        }
        byte[] hash = ApiKeys.hash(apiKey).getBytes(StandardCharsets.US_ASCII);
        return accounts.stream()
                .filter(a -> MessageDigest.isEqual(hash, a.masterKeyHash().getBytes(StandardCharsets.US_ASCII)))
                .findFirst();
    }

    public Optional<Account> find(String id) {
        return accounts.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    private synchronized void ensureLocalAccount(String key) {
        if (!ApiKeys.hasTdForm(key)) {
            LOG.warn("The bootstrap API key is not of the form <account id>/<40 lowercase hex>: td-client-java will "
                    + "send it without the TD1 prefix (accepted), other clients may not");
        }
        Account local = new Account(LOCAL_ACCOUNT_ID, LOCAL_ACCOUNT_NAME, ApiKeys.hash(key));
        if (find(LOCAL_ACCOUNT_ID).filter(local::equals).isPresent()) {
            return;
        }
        List<Account> updated = new ArrayList<>(accounts.stream().filter(a -> !a.id().equals(LOCAL_ACCOUNT_ID)).toList());
        updated.add(0, local);
        save(updated);
        accounts = List.copyOf(updated);
        LOG.info("Account {} ({}) has the bootstrap API key", LOCAL_ACCOUNT_ID, LOCAL_ACCOUNT_NAME);
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

    private void save(List<Account> updated) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), updated);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the accounts to " + file + ": " + e.getMessage(), e);
        }
    }
}
