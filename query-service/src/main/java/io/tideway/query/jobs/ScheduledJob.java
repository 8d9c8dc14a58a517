package io.tideway.query.jobs;

import java.time.Instant;

/**
 * A job that ran for a schedule (its request named the schedule), for the schedule's history.
 *
 * @param scheduledTime the schedule time it ran for ({@code TD_SCHEDULED_TIME()}), or null if its request had none
 */
public record ScheduledJob(JobState job, Instant scheduledTime) {
}
