package io.tideway.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Records written with an earlier schema version, as a system built against it writes them, still decode. */
class SchemaEvolutionTest {

    @Test
    void keepsEveryEarlierVersionOfTheJobRequest() {
        assertThat(SchemaHistory.versionsOf(JobRequest.class)).hasSize(1)
                .allSatisfy(v -> assertThat(fingerprint(v)).isNotEqualTo(fingerprint(JobRequest.getClassSchema())));
        assertThat(SchemaHistory.versionsOf(JobEvent.class)).hasSize(1);
        assertThat(SchemaHistory.versionsOf(ResultMessage.class)).isEmpty();
    }

    @Test
    void decodesAJobRequestWrittenWithVersion1() throws Exception {
        Schema v1 = SchemaHistory.versionsOf(JobRequest.class).get(0);
        GenericRecord job = new GenericData.Record(v1);
        job.put("jobId", "ext-1-v1");
        job.put("accountId", "1");
        job.put("database", "testdb");
        job.put("query", "SELECT 1");
        job.put("engine", "presto");
        job.put("priority", 1);
        job.put("retryLimit", 0);
        job.put("origin", new GenericData.EnumSymbol(v1.getField("origin").schema(), "EXTERNAL"));
        job.put("requestedAt", 1_700_000_000_000L);
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(job);

        JobRequest read = Topics.JOB_REQUEST_SERDE.decode(bytes.array());

        assertThat(read.getJobId()).isEqualTo("ext-1-v1");
        assertThat(read.getPriority()).isEqualTo(1);
        assertThat(read.getOrigin()).isEqualTo(JobOrigin.EXTERNAL);
        assertThat(read.getRequestedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(read.getAuthorization()).as("the field version 2 added takes its default").isNull();
    }

    @Test
    void refusesARecordOfAnUnknownSchemaVersionByItsFingerprint() {
        byte[] bytes = Topics.JOB_REQUEST_SERDE.encode(JobRequest.newBuilder().setJobId("1").setAccountId("1")
                .setDatabase("testdb").setQuery("SELECT 1").setOrigin(JobOrigin.API).setRequestedAt(Instant.EPOCH)
                .build());
        bytes[5] ^= 0x5a; // inside the 8-byte fingerprint after the 2-byte marker

        assertThatThrownBy(() -> Topics.JOB_REQUEST_SERDE.decode(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("JobRequest");
    }

    private static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }
}
