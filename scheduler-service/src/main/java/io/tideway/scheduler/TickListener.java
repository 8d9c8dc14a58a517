package io.tideway.scheduler;

/**
 * Hears each tick the scheduler fires, e.g. for metrics. Called on a stream thread inside the punctuation, before
 * Kafka Streams commits: a tick whose transaction is lost in a crash fires, and is heard, again after the restart.
 * Must be quick and must not throw.
 */
@FunctionalInterface
public interface TickListener {

    TickListener NONE = catchUp -> { };

    /** A tick fired: on time, or ({@code catchUp}) as part of a backlog the catch-up policy decided to fire. */
    void fired(boolean catchUp);
}
