package io.tideway.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.schemas.ResultEnd;
import io.tideway.schemas.ResultMessage;
import io.tideway.schemas.RowBatch;
import io.tideway.schemas.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResultRecordTest {

    @Test
    void readsRowBatchesAsAvroDecodesThem() {
        Random random = new Random(42);
        for (int n = 0; n < 500; n++) {
            List<List<Object>> rows = randomRows(random);
            ResultMessage message = new ResultMessage("job-" + n, new RowBatch(n, rows));
            byte[] bytes = Topics.RESULT_SERDE.encode(message);

            ResultRecord read = ResultRecord.read(bytes);

            assertThat(read.isBatch()).isTrue();
            assertThat(read.jobId()).isEqualTo("job-" + n);
            assertThat(read.sequence()).isEqualTo(n);
            assertThat(read.rows().size()).isEqualTo(rows.size());
            assertThat(read.rows().decode())
                    .isEqualTo(((RowBatch) Topics.RESULT_SERDE.decode(bytes).getBody()).getRows());
        }
    }

    @Test
    void decodesHeadersAndEndMarkersWithTheSerde() {
        ResultMessage end = new ResultMessage("7", ResultEnd.newBuilder().setRowCount(3).setBatchCount(1).build());

        ResultRecord read = ResultRecord.read(Topics.RESULT_SERDE.encode(end));

        assertThat(read.isBatch()).isFalse();
        assertThat(read.jobId()).isEqualTo("7");
        assertThat(read.body()).isEqualTo(end.getBody());
    }

    @Test
    void refusesTruncatedOrMalformedBatches() {
        byte[] bytes = Topics.RESULT_SERDE.encode(new ResultMessage("1",
                new RowBatch(0, List.of(Arrays.asList("abc", 1L, 2.5, true, null)))));
        for (int cut = 11; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> ResultRecord.read(truncated)).isInstanceOf(RuntimeException.class);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> ResultRecord.read(longer)).hasMessageContaining("after the rows");
        assertThatThrownBy(() -> ResultRecord.read("garbage".getBytes())).isInstanceOf(RuntimeException.class);
    }

    static List<List<Object>> randomRows(Random random) {
        int columns = random.nextInt(6);
        List<List<Object>> rows = new ArrayList<>();
        for (int r = random.nextInt(30); r > 0; r--) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                row.add(switch (random.nextInt(6)) {
                    case 0 -> null;
                    case 1 -> random.nextBoolean();
                    case 2 -> random.nextInt(3) == 0 ? Long.MIN_VALUE + random.nextInt(3) : random.nextLong();
                    case 3 -> random.nextInt(4) == 0 ? Double.NaN : random.nextGaussian() * 1e6;
                    default -> randomString(random);
                });
            }
            rows.add(row);
        }
        return rows;
    }

    static String randomString(Random random) {
        String alphabet = "ab ,\"\r\né日😀\u0000";
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                s.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                s.append(c);
            }
        }
        return s.toString();
    }
}
