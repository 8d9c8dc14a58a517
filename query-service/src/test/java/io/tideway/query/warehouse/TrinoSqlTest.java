package io.tideway.query.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SQL text for Trino, without a server: the scheduled-time rewrite, literals of imported values, column fits. */
class TrinoSqlTest {

    private static final Instant AT = Instant.ofEpochSecond(1_700_000_000L);

    @Test
    void rewritesScheduledTimeCallsToALiteral() {
        assertThat(TrinoSql.withScheduledTime("SELECT TD_SCHEDULED_TIME(), td_scheduled_time ( ) - 3600 FROM t", AT))
                .isEqualTo("SELECT CAST(1700000000 AS BIGINT), CAST(1700000000 AS BIGINT) - 3600 FROM t");
        assertThat(TrinoSql.withScheduledTime("SELECT x FROM t WHERE time < Td_Scheduled_Time()\n", AT))
                .isEqualTo("SELECT x FROM t WHERE time < CAST(1700000000 AS BIGINT)\n");
    }

    @Test
    void leavesStringsIdentifiersCommentsAndOtherNamesAlone() {
        String sql = "SELECT 'td_scheduled_time()', \"td_scheduled_time()\", my_td_scheduled_time(), "
                + "td_scheduled_time_x(), td_scheduled_time -- td_scheduled_time()\n"
                + "/* td_scheduled_time() */ FROM t WHERE s = 'it''s td_scheduled_time()'";
        assertThat(TrinoSql.withScheduledTime(sql, AT)).isEqualTo(sql);
    }

    @Test
    void leavesTheQueryAsItIsWithoutAScheduledTime() {
        assertThat(TrinoSql.withScheduledTime("SELECT td_scheduled_time()", null))
                .isEqualTo("SELECT td_scheduled_time()");
    }

    @Test
    void writesLiteralsOfImportedValues() {
        assertThat(TrinoSql.literal(null)).isEqualTo("NULL");
        assertThat(TrinoSql.literal(-5L)).isEqualTo("-5");
        assertThat(TrinoSql.literal(2.5)).isEqualTo("DOUBLE '2.5'");
        assertThat(TrinoSql.literal(Double.NaN)).isEqualTo("nan()");
        assertThat(TrinoSql.literal(Double.NEGATIVE_INFINITY)).isEqualTo("-infinity()");
        assertThat(TrinoSql.literal(true)).isEqualTo("TRUE");
        assertThat(TrinoSql.literal("it's ☃")).isEqualTo("'it''s ☃'");
        assertThat(TrinoSql.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    }

    @Test
    void decidesWhichTrinoColumnsTakeImportedValues() {
        assertThat(TrinoSql.fits(ColumnType.BIGINT, "bigint")).isTrue();
        assertThat(TrinoSql.fits(ColumnType.BIGINT, "varchar(20)")).isTrue();
        assertThat(TrinoSql.fits(ColumnType.BIGINT, "decimal(10,2)")).isTrue();
        assertThat(TrinoSql.fits(ColumnType.DOUBLE, "real")).isTrue();
        assertThat(TrinoSql.fits(ColumnType.DOUBLE, "integer")).isFalse();
        assertThat(TrinoSql.fits(ColumnType.VARCHAR, "double")).isFalse();
        assertThat(TrinoSql.fits(ColumnType.BOOLEAN, "boolean")).isTrue();
        assertThat(TrinoSql.fits(ColumnType.BOOLEAN, "timestamp(3)")).isFalse();
    }
}
