package io.tideway.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void writesTheSeedExampleExactly() throws IOException {
        assertThat(csv(List.of("_c0", "_c1"), List.of("a", "b"), List.of("c", " d "), List.of("e", "f")))
                .isEqualTo("_c0,_c1\r\na,b\r\nc,\" d \"\r\ne,f\r\n");
    }

    @Test
    void quotesFieldsHoldingCommaQuoteCrLfOrEdgeSpacesAndDoublesQuotes() throws IOException {
        assertThat(csv(List.of("x,y", "say \"hi\"", "two\nlines", "cr\rhere", "crlf\r\n", " lead", "trail ", "in side")))
                .isEqualTo("\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\"crlf\r\n\",\" lead\",\"trail \","
                        + "in side\r\n");
    }

    @Test
    void writesNullAsEmptyAndAnEmptyStringAsTwoQuotes() throws IOException {
        assertThat(csv(Arrays.asList(null, "", null))).isEqualTo(",\"\",\r\n");
    }

    @Test
    void writesBooleansLongsAndJsonText() throws IOException {
        assertThat(csv(List.of(true, false, 0L, -17L, Long.MAX_VALUE, Long.MIN_VALUE, "[1,2]", "{\"k\":\"v\"}")))
                .isEqualTo("true,false,0,-17,9223372036854775807,-9223372036854775808,\"[1,2]\",\"{\"\"k\"\":\"\"v\"\"}\"\r\n");
    }

    @Test
    void writesUnicodeAsUtf8() throws IOException {
        byte[] bytes = bytes(List.of("日本語", "😀", "é", "a\u00A0b"));
        assertThat(bytes).isEqualTo("日本語,😀,é,a\u00A0b\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesALoneSurrogateAsAQuestionMark() throws IOException {
        assertThat(csv(List.of("x\uD83Dy"))).isEqualTo("x?y\r\n");
    }

    @Test
    void writesDoublesShortestAndWithoutExponentInTheUsualRange() {
        assertThat(CsvWriter.formatDouble(1.0)).isEqualTo("1.0");
        assertThat(CsvWriter.formatDouble(-2.5)).isEqualTo("-2.5");
        assertThat(CsvWriter.formatDouble(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(CsvWriter.formatDouble(1e7)).isEqualTo("10000000.0");
        assertThat(CsvWriter.formatDouble(12345678.5)).isEqualTo("12345678.5");
        assertThat(CsvWriter.formatDouble(1e20)).isEqualTo("100000000000000000000.0");
        assertThat(CsvWriter.formatDouble(-1.5e-5)).isEqualTo("-0.000015");
        assertThat(CsvWriter.formatDouble(1e-7)).isEqualTo("0.0000001");
        assertThat(CsvWriter.formatDouble(1e21)).isEqualTo("1.0E21");
        assertThat(CsvWriter.formatDouble(1e-8)).isEqualTo("1.0E-8");
        assertThat(CsvWriter.formatDouble(0.0)).isEqualTo("0.0");
        assertThat(CsvWriter.formatDouble(-0.0)).isEqualTo("-0.0");
        assertThat(CsvWriter.formatDouble(Double.NaN)).isEqualTo("NaN");
        assertThat(CsvWriter.formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void writesDoublesThatReadBackAsTheSameValue() {
        double[] samples = {Math.PI, 1.0 / 3, 123456789.123, 9.007199254740993E15, 4.9E-324, Double.MAX_VALUE,
                2.2250738585072014E-308, 6.02214076E23, 1.23e-7, 9.99e20};
        for (double value : samples) {
            assertThat(Double.parseDouble(CsvWriter.formatDouble(value))).isEqualTo(value);
        }
    }

    @Test
    void keepsRowsIntactAcrossBufferBoundaries() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter writer = new CsvWriter(out, 16);
        StringBuilder expected = new StringBuilder();
        for (long i = 0; i < 200; i++) {
            writer.writeRow(List.of(i * 1_000_003L, "日本語 " + i, "😀,", 2.5));
            expected.append(i * 1_000_003L).append(",日本語 ").append(i).append(",\"😀,\",2.5\r\n");
        }
        writer.flush();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        assertThat(writer.bytes()).isEqualTo(out.size());
    }

    @SafeVarargs
    private static String csv(List<?>... rows) throws IOException {
        return new String(bytes(rows), StandardCharsets.UTF_8);
    }

    @SafeVarargs
    private static byte[] bytes(List<?>... rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter writer = new CsvWriter(out, 1024);
        for (List<?> row : rows) {
            writer.writeRow(row);
        }
        writer.flush();
        return out.toByteArray();
    }

    @Test
    void writesEncodedRowsExactlyAsTheDecodedRows() throws IOException {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "ab ,\"\r\né日😀x";
        for (int n = 0; n < 300; n++) {
            List<List<Object>> rows = new java.util.ArrayList<>();
            for (int r = random.nextInt(20); r > 0; r--) {
                List<Object> row = new java.util.ArrayList<>();
                for (int c = random.nextInt(6); c > 0; c--) {
                    row.add(switch (random.nextInt(6)) {
                        case 0 -> null;
                        case 1 -> random.nextBoolean();
                        case 2 -> random.nextLong();
                        case 3 -> random.nextInt(5) == 0 ? 1e-9 : random.nextGaussian() * 1e8;
                        default -> {
                            StringBuilder s = new StringBuilder();
                            for (int i = random.nextInt(random.nextInt(10) == 0 ? 200 : 12); i > 0; i--) {
                                int at = random.nextInt(alphabet.length());
                                char ch = alphabet.charAt(at);
                                if (Character.isHighSurrogate(ch)) {
                                    s.append(ch).append(alphabet.charAt(at + 1));
                                } else if (!Character.isLowSurrogate(ch)) {
                                    s.append(ch);
                                }
                            }
                            yield s.toString();
                        }
                    });
                }
                rows.add(row);
            }
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            CsvWriter plain = new CsvWriter(decoded, 64);
            for (List<Object> row : rows) {
                plain.writeRow(row);
            }
            plain.flush();
            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            CsvWriter fast = new CsvWriter(encoded, 64);
            io.tideway.writer.EncodedRows.of(rows).forEach(new CsvRows(fast));
            fast.flush();

            assertThat(encoded.toByteArray()).as("rows %s", rows).isEqualTo(decoded.toByteArray());
            assertThat(fast.bytes()).isEqualTo(plain.bytes());
        }
    }
}
