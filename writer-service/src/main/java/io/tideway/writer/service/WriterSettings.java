package io.tideway.writer.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.tideway.writer.WriterConfig;

/**
 * The service's identity and secret ({@code tideway.*}).
 *
 * @param secretKey  {@code tideway.secret-key}, required: the deployment's base64 AES key that unseals destination
 *                   URLs; never printed
 * @param instanceId {@code tideway.instance-id}: names this instance on job events; default {@code hostname-pid}
 */
@ConfigurationProperties("tideway")
public record WriterSettings(@Nullable String secretKey, @Nullable String instanceId) {

    public WriterSettings {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("tideway.secret-key is not set: give the deployment's base64 secret key "
                    + "(the one the query service seals destination URLs with)");
        }
        instanceId = instanceId == null || instanceId.isBlank() ? WriterConfig.defaultInstanceId() : instanceId;
    }

    @Override
    public String toString() {
        return "secret-key=***, instance-id=" + instanceId;
    }
}
