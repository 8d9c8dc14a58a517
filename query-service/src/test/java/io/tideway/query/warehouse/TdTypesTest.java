package io.tideway.query.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TdTypesTest {

    @Test
    void mapsDuckDbTypesToTreasureDataNames() {
        assertThat(TdTypes.fromDuckDb("INTEGER")).isEqualTo("long");
        assertThat(TdTypes.fromDuckDb("UBIGINT")).isEqualTo("string");
        assertThat(TdTypes.fromDuckDb("HUGEINT")).isEqualTo("string");
        assertThat(TdTypes.fromDuckDb("DECIMAL(18,3)")).isEqualTo("double");
        assertThat(TdTypes.fromDuckDb("FLOAT")).isEqualTo("double");
        assertThat(TdTypes.fromDuckDb("BOOLEAN")).isEqualTo("boolean");
        assertThat(TdTypes.fromDuckDb("VARCHAR")).isEqualTo("string");
        assertThat(TdTypes.fromDuckDb("TIMESTAMP WITH TIME ZONE")).isEqualTo("string");
        assertThat(TdTypes.fromDuckDb("INTEGER[]")).isEqualTo("array<long>");
        assertThat(TdTypes.fromDuckDb("VARCHAR[3]")).isEqualTo("array<string>");
        assertThat(TdTypes.fromDuckDb("MAP(VARCHAR, INTEGER[])")).isEqualTo("map<string,array<long>>");
        assertThat(TdTypes.fromDuckDb("STRUCT(a INTEGER, b VARCHAR)")).isEqualTo("string");
    }

    @Test
    void mapsTrinoTypesToTreasureDataNames() {
        assertThat(TdTypes.fromTrino("bigint")).isEqualTo("long");
        assertThat(TdTypes.fromTrino("tinyint")).isEqualTo("long");
        assertThat(TdTypes.fromTrino("integer")).isEqualTo("long");
        assertThat(TdTypes.fromTrino("real")).isEqualTo("double");
        assertThat(TdTypes.fromTrino("decimal(18,3)")).isEqualTo("double");
        assertThat(TdTypes.fromTrino("boolean")).isEqualTo("boolean");
        assertThat(TdTypes.fromTrino("varchar(10)")).isEqualTo("string");
        assertThat(TdTypes.fromTrino("char(2)")).isEqualTo("string");
        assertThat(TdTypes.fromTrino("timestamp(3) with time zone")).isEqualTo("string");
        assertThat(TdTypes.fromTrino("array(integer)")).isEqualTo("array<long>");
        assertThat(TdTypes.fromTrino("array(array(varchar(1)))")).isEqualTo("array<array<string>>");
        assertThat(TdTypes.fromTrino("map(varchar(1),array(double))")).isEqualTo("map<string,array<double>>");
        assertThat(TdTypes.fromTrino("row(a bigint,b varchar)")).isEqualTo("string");
        assertThat(TdTypes.fromTrino("json")).isEqualTo("string");
    }

    @Test
    void listsBooleansAsStringInTableSchemas() {
        assertThat(TdTypes.forTableSchema("array<boolean>")).isEqualTo("array<string>");
    }
}
