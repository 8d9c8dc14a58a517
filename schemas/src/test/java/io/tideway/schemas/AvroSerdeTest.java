package io.tideway.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    @Test
    void roundTripsAResultBatchWithEveryCellType() {
        ResultMessage batch = new ResultMessage("42", new RowBatch(0,
                List.of(Arrays.asList(null, true, 7L, 1.5, "日本語"))));

        ResultMessage read = Topics.RESULT_SERDE.decode(Topics.RESULT_SERDE.encode(batch));

        assertThat(read).isEqualTo(batch);
    }

    @Test
    void roundTripsAJobRequest() {
        JobRequest request = JobRequest.newBuilder()
                .setJobId("1").setAccountId("1").setDatabase("testdb").setQuery("SELECT 1")
                .setOrigin(JobOrigin.API).setRequestedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();

        assertThat(Topics.JOB_REQUEST_SERDE.decode(Topics.JOB_REQUEST_SERDE.encode(request))).isEqualTo(request);
    }

    @Test
    void refusesBytesThatAreNotARecordOfItsType() {
        byte[] event = Topics.JOB_EVENT_SERDE.encode(JobEvent.newBuilder().setJobId("1").setAccountId("1")
                .setType(JobEventType.QUEUED).setTime(Instant.EPOCH).build());

        assertThatThrownBy(() -> Topics.RESULT_SERDE.decode(event)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("ResultMessage");
        assertThatThrownBy(() -> Topics.RESULT_SERDE.decode("garbage".getBytes()))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void namesTheResultTopicOfEachScheme() {
        assertThat(Topics.results("ftp")).isEqualTo("results.ftp");
        assertThat(Topics.results("webs")).isEqualTo("results.web");
        assertThatThrownBy(() -> Topics.results("gopher")).hasMessageContaining("gopher");
    }
}
