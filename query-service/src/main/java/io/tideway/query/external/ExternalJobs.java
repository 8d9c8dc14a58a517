package io.tideway.query.external;

import io.tideway.destination.DestinationUrl;
import io.tideway.destination.InvalidDestinationException;
import io.tideway.destination.SecretBox;
import io.tideway.query.accounts.Account;
import io.tideway.query.accounts.AccountStore;
import io.tideway.query.config.TidewaySettings;
import io.tideway.query.jobs.JobOptions;
import io.tideway.query.warehouse.QueryEngines;
import io.tideway.schemas.JobOrigin;
import io.tideway.schemas.JobRequest;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a job that another system published on the jobs topic (origin EXTERNAL) before it runs, as the API checks
 * its own before they are published: that it belongs to the account it names (its id is in the account's
 * namespace, the account exists, its authorization is that account's, see {@link JobAuthorization}), and then that
 * it can run (query, type, priority, database, destination). Jobs of other origins were checked by the API or the
 * scheduler and pass.
 */
@Singleton
public class ExternalJobs {

    /** {@code ext-<accountId>-<the producer's own id>}: never a number (API jobs) nor a schedule's tick id. */
    private static final Pattern JOB_ID = Pattern.compile("ext-([1-9][0-9]{0,18})-[A-Za-z0-9_.-]{1,100}");

    private final AccountStore accounts;
    private final QueryEngines engines;
    private final SecretBox secrets;

    public ExternalJobs(AccountStore accounts, QueryEngines engines, TidewaySettings settings) {
        this.accounts = accounts;
        this.engines = engines;
        this.secrets = settings.secretBox();
    }

    /** Why {@code job} must not run; empty when it may. */
    public Optional<Refusal> check(JobRequest job) {
        if (job.getOrigin() != JobOrigin.EXTERNAL) {
            return Optional.empty();
        }
        return Optional.ofNullable(ownership(job)).or(() -> Optional.ofNullable(runnability(job)));
    }

    private Refusal ownership(JobRequest job) {
        Matcher id = JOB_ID.matcher(job.getJobId());
        if (!id.matches() || !id.group(1).equals(job.getAccountId())) {
            return Refusal.deadLetter("External job id '" + job.getJobId() + "' is not valid for account '"
                    + job.getAccountId() + "': use ext-<accountId>-<your id>, with 1 to 100 letters, digits, '_', "
                    + "'.' or '-' as your id");
        }
        Optional<Account> account = accounts.find(job.getAccountId());
        if (account.isEmpty()) {
            return Refusal.deadLetter("External job " + job.getJobId() + " names account '" + job.getAccountId()
                    + "', which does not exist");
        }
        if (job.getAuthorization() == null || job.getAuthorization().isBlank()) {
            return Refusal.deadLetter("External job " + job.getJobId() + " has no authorization: sign it with the "
                    + "account's master API key as docs/job-topic.md describes");
        }
        if (!JobAuthorization.verify(job, account.get().masterKeyHash())) {
            return Refusal.deadLetter("External job " + job.getJobId() + " has an authorization that does not match "
                    + "account " + job.getAccountId() + "'s master API key and the job's fields: sign exactly the "
                    + "fields published, with the current master key");
        }
        return null;
    }

    private Refusal runnability(JobRequest job) {
        if (job.getQuery().isBlank()) {
            return Refusal.failed("Query must not be empty");
        }
        Optional<String> problem = JobOptions.typeProblem(job.getEngine())
                .or(() -> JobOptions.priorityProblem(job.getPriority()))
                .or(() -> JobOptions.retryLimitProblem("retryLimit", job.getRetryLimit()));
        if (problem.isPresent()) {
            return Refusal.failed(problem.get());
        }
        if (!engines.forAccount(job.getAccountId()).databaseExists(job.getDatabase())) {
            return Refusal.failed("Couldn't find database '" + job.getDatabase() + "'");
        }
        return job.getDestination() == null ? null : destination(job);
    }

    /** A destination given in full must be sealed with this deployment's key; others name a saved destination. */
    private Refusal destination(JobRequest job) {
        String url;
        try {
            url = secrets.open(job.getDestination().getSealedUrl());
        } catch (IllegalArgumentException e) {
            return Refusal.failed("The job's destination " + job.getDestination().getMaskedUrl() + " cannot be "
                    + "opened: it was not sealed with this deployment's secret key. Name a saved destination "
                    + "(savedResult) instead");
        }
        try {
            DestinationUrl parsed = DestinationUrl.parse(url);
            if (!parsed.scheme().equals(job.getDestination().getScheme())) {
                return Refusal.failed("The job's destination " + parsed.masked() + " is not of its scheme '"
                        + job.getDestination().getScheme() + "'");
            }
            return null;
        } catch (InvalidDestinationException e) {
            return Refusal.failed(e.getMessage());
        }
    }
}
