package io.tideway.query.accounts;

/**
 * The authenticated caller of one request.
 *
 * @param account the account the key belongs to
 * @param keyType what the key may do
 * @param apiKey  the key itself, for sealing a same-account {@code td://@/db/table} destination; never printed
 */
public record Caller(Account account, KeyType keyType, String apiKey) {

    public String accountId() {
        return account.id();
    }

    public boolean isWriteOnly() {
        return keyType == KeyType.WRITE_ONLY;
    }

    @Override
    public String toString() {
        return "Caller[account=" + account.id() + ", keyType=" + keyType.apiName() + "]";
    }
}
