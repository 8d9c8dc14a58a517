package io.tideway.scheduler;

import io.tideway.schemas.ScheduleDefinition;
import java.time.Instant;

/** Schedule definitions for tests. */
final class Schedules {

    private Schedules() {
    }

    static ScheduleDefinition.Builder schedule(String name, String cron, Instant createdAt) {
        return ScheduleDefinition.newBuilder().setAccountId("1").setName(name).setCron(cron).setTimeZone("UTC")
                .setDelaySeconds(0).setDatabase("testdb").setQuery("SELECT COUNT(1) FROM www_access")
                .setEngine("presto").setPriority(0).setRetryLimit(0).setSavedResult("myftp:path.csv")
                .setCreatedAt(createdAt).setVersion(0);
    }
}
