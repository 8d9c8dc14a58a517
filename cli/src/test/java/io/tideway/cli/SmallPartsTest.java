package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SmallPartsTest {

    @Test
    void masksThePasswordOfAResultUrl() {
        assertThat(UrlMasking.mask("ftp://user:password@127.0.0.1:2121/reports/path.csv"))
                .isEqualTo("ftp://user:***@127.0.0.1:2121/reports/path.csv");
        assertThat(UrlMasking.mask("ftp://user:p@ss@host/a@b.csv")).isEqualTo("ftp://user:***@host/a@b.csv");
        assertThat(UrlMasking.mask("ftp://user:***@host/x.csv")).isEqualTo("ftp://user:***@host/x.csv");
        assertThat(UrlMasking.mask("td://1/abcdef@other.example.com/db/t")).isEqualTo("td://***@other.example.com/db/t");
        assertThat(UrlMasking.mask("td://@/db/t")).isEqualTo("td://@/db/t");
        assertThat(UrlMasking.mask("web://host/path")).isEqualTo("web://host/path");
        assertThat(UrlMasking.mask("saved:reports/x.csv")).isEqualTo("saved:reports/x.csv");
    }

    @Test
    void masksEveryPasswordInFreeText() {
        assertThat(UrlMasking.maskAll("Cannot parse 'ftp://user:p@ss@host/x' nor web://a:b@h:80/p; td://@/db/t ok"))
                .isEqualTo("Cannot parse 'ftp://user:***@host/x' nor web://a:***@h:80/p; td://@/db/t ok");
        assertThat(UrlMasking.maskAll("no url here: a:b@c")).isEqualTo("no url here: a:b@c");
    }

    @Test
    void typesUnquotedCsvFieldsAndKeepsQuotedOnesAsText() {
        assertThat(new DelimitedReader.Cell("", false).value()).isNull();
        assertThat(new DelimitedReader.Cell("", true).value()).isEqualTo("");
        assertThat(new DelimitedReader.Cell("-12", false).value()).isEqualTo(-12L);
        assertThat(new DelimitedReader.Cell("12", true).value()).isEqualTo("12");
        assertThat(new DelimitedReader.Cell("0012", false).value()).isEqualTo("0012");
        assertThat(new DelimitedReader.Cell("99999999999999999999", false).value()).isEqualTo("99999999999999999999");
        assertThat(new DelimitedReader.Cell("-0.25", false).value()).isEqualTo(-0.25);
        assertThat(new DelimitedReader.Cell("1E3", false).value()).isEqualTo(1000.0);
        assertThat(new DelimitedReader.Cell(".5", false).value()).isEqualTo(".5");
        assertThat(new DelimitedReader.Cell("NaN", false).value()).isEqualTo("NaN");
        assertThat(new DelimitedReader.Cell("NULL", false).value()).isEqualTo("NULL");
    }

    @Test
    void namesPriorities() {
        assertThat(Priority.name(-2)).isEqualTo("VERY LOW");
        assertThat(Priority.name(2)).isEqualTo("VERY HIGH");
        assertThat(Priority.name(7)).isEqualTo("NORMAL");
        assertThatThrownBy(() -> Priority.parse("3")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void addsTd1ToAKeyUnlessItNamesItsScheme() {
        assertThat(TdApi.authorization("1/abc")).isEqualTo("TD1 1/abc");
        assertThat(TdApi.authorization("TD1 1/abc")).isEqualTo("TD1 1/abc");
        assertThat(TdApi.authorization("Bearer xyz")).isEqualTo("Bearer xyz");
    }

    @Test
    void escapesPathSegmentsLikeTdClientJava() {
        assertThat(TdApi.segment("dk 1/x")).isEqualTo("dk%201%2Fx");
    }

    @Test
    void aStreamedTableTakesItsWidthsFromTheFirstRowsAndKeepsGoing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TableRenderer table = new TableRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                List.of("n"), 2);
        for (String n : List.of("1", "22", "333", "4")) {
            table.add(List.of(n));
        }
        table.finish();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                +----+
                | n  |
                +----+
                | 1  |
                | 22 |
                | 333 |
                | 4  |
                +----+
                4 rows in set
                """);
    }

    @Test
    void wideCharactersTakeTwoColumns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TableRenderer.render(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of("name"),
                List.of(List.of("東京"), List.of("a\nb")));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                +------+
                | name |
                +------+
                | 東京 |
                | a\\nb |
                +------+
                2 rows in set
                """);
    }

    @Test
    void humanizesDurationsLikeTheToolbelt() {
        assertThat(Elapsed.humanize(5)).isEqualTo(" 5sec");
        assertThat(Elapsed.humanize(64)).isEqualTo(" 1m  4sec");
        assertThat(Elapsed.humanize(3725)).isEqualTo("1h  2m  5sec");
    }
}
