package io.tideway.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a job onto Tideway's {@code jobs} topic the way any other system can: the JobRequest schema from its
 * {@code .avsc} files, a {@link GenericRecord}, Avro's single-object encoding, the job id as the key, and an
 * authorization computed from the account's master API key. Nothing here comes from Tideway's code; see
 * docs/job-topic.md for the contract.
 *
 * <pre>
 * java -cp ... io.tideway.examples.ExternalJobProducer BOOTSTRAP ACCOUNT MASTER_KEY MY_ID DATABASE "SQL" [SAVED_DESTINATION]
 * </pre>
 */
public final class ExternalJobProducer implements AutoCloseable {

    public static final String TOPIC = "jobs";

    private final Schema schema = jobRequestSchema();
    private final BinaryMessageEncoder<GenericRecord> encoder = new BinaryMessageEncoder<>(GenericData.get(), schema);
    private final KafkaProducer<String, byte[]> producer;

    public ExternalJobProducer(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(p);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: ExternalJobProducer BOOTSTRAP ACCOUNT MASTER_KEY MY_ID DATABASE SQL [SAVED_DESTINATION]");
            System.exit(2);
        }
        try (ExternalJobProducer jobs = new ExternalJobProducer(args[0])) {
            GenericRecord job = jobs.job(args[1], args[3], args[4], args[5], args.length > 6 ? args[6] : null);
            job.put("authorization", authorization(job, args[2]));
            RecordMetadata at = jobs.publish(job);
            System.out.println("Published job " + job.get("jobId") + " at " + at);
        }
    }

    /** JobRequest as its .avsc files declare it: the named types it uses are parsed first, into the same parser. */
    public static Schema jobRequestSchema() {
        Schema.Parser parser = new Schema.Parser();
        parse(parser, "JobOrigin.avsc");
        parse(parser, "Destination.avsc");
        return parse(parser, "JobRequest.avsc");
    }

    /**
     * A job of origin EXTERNAL for {@code accountId}; its id is {@code ext-<accountId>-<myId>}. With a saved
     * destination ({@code NAME} or {@code NAME:path}, created with {@code td result:create}) the result is delivered
     * there; without one it is kept with the job ({@code td job:show}, {@code GET /v3/job/result/ID}).
     */
    public GenericRecord job(String accountId, String myId, String database, String query, String savedDestination) {
        GenericRecord job = new GenericData.Record(schema);
        job.put("jobId", "ext-" + accountId + "-" + myId);
        job.put("accountId", accountId);
        job.put("database", database);
        job.put("query", query);
        job.put("engine", "presto");
        job.put("destination", null);
        job.put("priority", 0);
        job.put("retryLimit", 0);
        job.put("origin", new GenericData.EnumSymbol(schema.getField("origin").schema(), "EXTERNAL"));
        job.put("scheduledTime", null);
        job.put("requestedAt", System.currentTimeMillis());
        job.put("domainKey", null);
        job.put("scheduleName", null);
        job.put("savedResult", savedDestination);
        job.put("authorization", null);
        return job;
    }

    /**
     * {@code v1=} and the hex HMAC-SHA256 of the job's canonical text, keyed by the hex SHA-256 of the master key:
     * for each field below, its UTF-8 length in bytes, ':', the value (empty when null) and a newline.
     */
    public static String authorization(GenericRecord job, String masterApiKey) {
        GenericRecord destination = (GenericRecord) job.get("destination");
        Object[] fields = {job.get("jobId"), job.get("accountId"), job.get("database"), job.get("engine"),
                job.get("query"), job.get("savedResult"), destination == null ? null : destination.get("sealedUrl"),
                job.get("requestedAt")};
        StringBuilder text = new StringBuilder();
        for (Object field : fields) {
            String value = field == null ? "" : field.toString();
            text.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value).append('\n');
        }
        try {
            String keyDigest = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(masterApiKey.getBytes(StandardCharsets.UTF_8)));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyDigest.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM lacks SHA-256 or HmacSHA256", e);
        }
    }

    /** Avro single-object encoding: C3 01, the schema's 8-byte CRC-64-AVRO fingerprint (little-endian), the record. */
    public byte[] encode(GenericRecord job) {
        try {
            ByteBuffer buffer = encoder.encode(job);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes the job keyed by its id (the default partitioner then puts every record of one job together). */
    public RecordMetadata publish(GenericRecord job) throws ExecutionException, InterruptedException {
        return publish(job.get("jobId").toString(), encode(job));
    }

    /** Publishes any bytes as a job: for trying what Tideway does with a malformed one. */
    public RecordMetadata publish(String key, byte[] value) throws ExecutionException, InterruptedException {
        return producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }

    @Override
    public void close() {
        producer.close();
    }

    private static Schema parse(Schema.Parser parser, String file) {
        try (InputStream in = ExternalJobProducer.class.getResourceAsStream("/tideway-avro/" + file)) {
            if (in == null) {
                throw new IllegalStateException("The schema file " + file + " is not on the class path");
            }
            return parser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
