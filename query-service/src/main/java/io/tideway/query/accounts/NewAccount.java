package io.tideway.query.accounts;

/** An account just created, with its keys in clear: shown once, then only their digests are kept. */
public record NewAccount(Account account, String masterKey, String writeOnlyKey) {

    @Override
    public String toString() {
        return "NewAccount[" + account.id() + ", " + account.name() + "]";
    }
}
