package io.tideway.query.runner;

import io.tideway.destination.DestinationUrl;
import io.tideway.destination.InvalidDestinationException;
import io.tideway.destination.SecretBox;
import io.tideway.query.config.TidewaySettings;
import io.tideway.query.jobs.SameAccountTables;
import io.tideway.query.savedresults.SavedResultException;
import io.tideway.query.savedresults.SavedResults;
import io.tideway.schemas.Destination;
import io.tideway.schemas.JobRequest;
import jakarta.inject.Singleton;

/**
 * Where a job delivers, decided when it runs: a saved destination as it is now, and a same-account table (sealed
 * with its creator's key but no host, as schedules and saved destinations keep it) with this instance's public
 * endpoint. The masked URL stays as the request shows it.
 */
@Singleton
public class JobDestinations {

    private final SavedResults savedResults;
    private final SameAccountTables tables;
    private final SecretBox secrets;

    public JobDestinations(SavedResults savedResults, SameAccountTables tables, TidewaySettings settings) {
        this.savedResults = savedResults;
        this.tables = tables;
        this.secrets = settings.secretBox();
    }

    /**
     * The request's destination ready for its writer, or null when the job keeps its result.
     *
     * @throws SavedResultException        its saved destination no longer exists or is incomplete
     * @throws InvalidDestinationException its table destination has no key to write with
     */
    Destination forRun(JobRequest request) {
        Destination destination = request.getDestination();
        if (destination == null && request.getSavedResult() != null) {
            destination = savedResults.resolve(request.getAccountId(), request.getSavedResult());
        }
        if (destination == null || !destination.getScheme().equals("td")) {
            return destination;
        }
        DestinationUrl url = DestinationUrl.parse(secrets.open(destination.getSealedUrl()));
        if (!SameAccountTables.isSameAccount(url)) {
            return destination;
        }
        return Destination.newBuilder(destination).setSealedUrl(secrets.seal(tables.forDelivery(url, null))).build();
    }
}
