package io.tideway.query.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.tideway.destination.SecretBox;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Settings every Tideway service shares.
 *
 * @param secretKey  {@code tideway.secret-key}: base64 of the deployment's 32-byte AES key that seals destination
 *                   URLs; required, never logged
 * @param instanceId {@code tideway.instance-id}: names this instance in events and in Kafka transactional ids;
 *                   default hostname-pid. Give a stable value in production so that a restarted instance fences
 *                   and aborts the transactions its predecessor left open.
 */
@ConfigurationProperties("tideway")
public record TidewaySettings(@Nullable String secretKey, @Nullable String instanceId) {

    public TidewaySettings {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("tideway.secret-key is required: base64 of a 32-byte key (bin/tideway secret-key makes one)");
        }
        SecretBox.fromBase64Key(secretKey);
        instanceId = instanceId == null || instanceId.isBlank() ? defaultInstanceId() : instanceId;
    }

    public SecretBox secretBox() {
        return SecretBox.fromBase64Key(secretKey);
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    @Override
    public String toString() {
        return "TidewaySettings[secretKey=***, instanceId=" + instanceId + "]";
    }
}
