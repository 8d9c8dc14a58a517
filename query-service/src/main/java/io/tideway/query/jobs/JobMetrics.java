package io.tideway.query.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.time.Instant;

/**
 * Jobs as Prometheus sees them, from the job-status view: {@code tideway.jobs} (a gauge per status of the jobs the
 * view holds), {@code tideway.jobs.finished} (jobs that reached a final status since this instance started, by
 * status) and {@code tideway.job.stage.duration} (per stage of each such job: queued, query, publish, delivery).
 * Every instance's view reads every job, so every instance reports the same jobs: aggregate with max, not sum.
 */
@Context
@Requires(beans = MeterRegistry.class)
public class JobMetrics {

    public JobMetrics(JobStatusView view, MeterRegistry registry) {
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("tideway.jobs", view, v -> v.count(status)).description("Jobs by status")
                    .tag("status", status.apiName()).register(registry);
        }
        view.onFinish((job, timeline) -> {
            Counter.builder("tideway.jobs.finished").description("Jobs that finished since the service started, "
                    + "by final status").tag("status", job.status().apiName()).register(registry).increment();
            timeline.stages(job.endAt() == null ? Instant.now() : job.endAt()).forEach((stage, duration) ->
                    Timer.builder("tideway.job.stage.duration").description("Time finished jobs spent in each stage")
                            .tag("stage", stage).register(registry).record(duration));
        });
    }
}
