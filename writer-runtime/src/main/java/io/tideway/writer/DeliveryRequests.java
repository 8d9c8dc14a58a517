package io.tideway.writer;

import io.tideway.destination.DestinationUrl;
import io.tideway.destination.SecretBox;
import io.tideway.schemas.ResultHeader;

/** Unseals a job's destination URL, only when an attempt is about to deliver it. */
final class DeliveryRequests {

    private final SecretBox secrets;

    DeliveryRequests(SecretBox secrets) {
        this.secrets = secrets;
    }

    DeliveryRequest forJob(OpenJob job) throws DeliveryException {
        ResultHeader header = job.header();
        DestinationUrl url;
        try {
            url = DestinationUrl.parse(secrets.open(header.getDestination().getSealedUrl()));
        } catch (IllegalArgumentException e) {
            // Neither SecretBox nor DestinationUrl puts a secret into its messages.
            throw DeliveryException.permanent("Cannot use the destination " + job.maskedUrl() + " of job "
                    + job.jobId() + ": " + e.getMessage(), e);
        }
        job.maskWith(url.masker());
        return new DeliveryRequest(job.jobId(), header.getAccountId(), url, header.getColumnNames(),
                header.getColumnTypes());
    }
}
