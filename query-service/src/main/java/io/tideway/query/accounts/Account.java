package io.tideway.query.accounts;

/**
 * An account: it owns jobs and a warehouse of its own. Its keys are kept only as SHA-256 digests.
 *
 * @param id                the account id, also the prefix of its API keys ({@code <id>/<40 hex>})
 * @param name              a display name
 * @param masterKeyHash     hex SHA-256 of the master API key
 * @param writeOnlyKeyHash  hex SHA-256 of the write-only API key, which may only import into tables; null for an
 *                          account written before write-only keys existed
 */
public record Account(String id, String name, String masterKeyHash, String writeOnlyKeyHash) {
}
