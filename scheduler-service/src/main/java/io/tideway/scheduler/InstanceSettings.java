package io.tideway.scheduler;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * This instance's name ({@code tideway.*}).
 *
 * @param instanceId {@code tideway.instance-id}: names this instance on the QUEUED events it publishes and in its
 *                   Kafka client id; default {@code hostname-pid}
 */
@ConfigurationProperties("tideway")
public record InstanceSettings(@Nullable String instanceId) {

    public InstanceSettings {
        instanceId = instanceId == null || instanceId.isBlank() ? defaultInstanceId() : instanceId;
    }

    static String defaultInstanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
