package io.tideway.query.runner;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.tideway.query.config.KafkaClients;
import io.tideway.query.config.QuerySettings;
import io.tideway.query.config.RunnerSettings;
import io.tideway.query.external.ExternalJobs;
import io.tideway.query.jobs.JobStatusView;
import io.tideway.query.results.StoredResults;
import io.tideway.query.warehouse.QueryEngines;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the jobs published on the jobs topic: {@code tideway.query.runner.threads} workers in the consumer group
 * {@value #GROUP}, so instances of the service share the jobs by partition. A worker whose Kafka clients fail
 * (fenced, broker gone) is started again with new clients and resumes from the committed offsets.
 */
@Context
public class JobRunner implements AutoCloseable {

    public static final String GROUP = "tideway-query-runner";
    /**
     * A job may run this long between polls before the group hands its partition to another worker (which runs the
     * job again). Results must be published within the transaction timeout, but the query may compute for longer
     * before its first row.
     */
    private static final int MAX_POLL_INTERVAL_MS = 6 * 60 * 60 * 1000;
    private static final long RESTART_PAUSE_MS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final List<Thread> threads = new ArrayList<>();
    private final List<RunnerWorker> workers = new ArrayList<>();
    private volatile boolean running = true;

    private final JobDestinations destinations;
    private final ExternalJobs externalJobs;
    private final MeterRegistry meters;

    public JobRunner(RunnerSettings settings, KafkaClients kafka, QueryEngines engines, JobStatusView view,
                     StoredResults storedResults, QuerySettings query, JobDestinations destinations,
                     ExternalJobs externalJobs, @Nullable MeterRegistry meters) {
        this.destinations = destinations;
        this.externalJobs = externalJobs;
        this.meters = meters;
        for (int i = 0; i < settings.threads(); i++) {
            int index = i;
            Thread t = new Thread(() -> superviseWorker(index, kafka, engines, view, storedResults, query.batchBytes()),
                    "query-runner-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        LOG.info("Job runner started with {} threads in group {}", settings.threads(), GROUP);
    }

    private void superviseWorker(int index, KafkaClients kafka, QueryEngines engines, JobStatusView view,
                                 StoredResults storedResults, int batchBytes) {
        while (running) {
            RunnerWorker worker = new RunnerWorker(consumerProps(kafka, index),
                    kafka.resultsProducer("tideway-query-runner-" + index, batchBytes), engines, view, storedResults,
                    batchBytes, "query-runner-" + kafka.instanceId() + "-" + index, destinations, externalJobs);
            synchronized (workers) {
                if (!running) {
                    return;
                }
                workers.add(worker);
            }
            try (KafkaClientMetrics ignored = consumerMetrics(worker)) {
                worker.run();
            } catch (RuntimeException e) {
                LOG.error("Runner worker {} stopped, starting it again with new Kafka clients: {}", index,
                        e.getMessage(), e);
                pauseBeforeRestart();
            } finally {
                synchronized (workers) {
                    workers.remove(worker);
                }
            }
        }
    }

    /** The worker's consumer metrics (its lag on the jobs topic among them), bound while it runs; null without. */
    private KafkaClientMetrics consumerMetrics(RunnerWorker worker) {
        if (meters == null) {
            return null;
        }
        KafkaClientMetrics metrics = new KafkaClientMetrics(worker.consumer());
        metrics.bindTo(meters);
        return metrics;
    }

    /** Keeps a worker that fails at once (broker unreachable) from spinning; ends early on close. */
    private synchronized void pauseBeforeRestart() {
        try {
            if (running) {
                wait(RESTART_PAUSE_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Properties consumerProps(KafkaClients kafka, int index) {
        Properties p = kafka.consumer(GROUP);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-runner-" + kafka.instanceId() + "-" + index);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, String.valueOf(MAX_POLL_INTERVAL_MS));
        // a job request is picked up as soon as its transaction commits; the shorter wait only bounds a missed wake-up
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        return p;
    }

    @PreDestroy
    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        synchronized (workers) {
            workers.forEach(RunnerWorker::stop);
        }
        for (Thread t : threads) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
