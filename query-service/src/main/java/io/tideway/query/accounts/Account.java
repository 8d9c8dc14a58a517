package io.tideway.query.accounts;

/**
 * An account: it owns jobs and a warehouse. Its master key is kept only as a SHA-256 digest.
 *
 * @param id           the account id, also the prefix of its API keys ({@code <id>/<40 hex>})
 * @param name         a display name
 * @param masterKeyHash hex SHA-256 of the master API key
 */
public record Account(String id, String name, String masterKeyHash) {
}
