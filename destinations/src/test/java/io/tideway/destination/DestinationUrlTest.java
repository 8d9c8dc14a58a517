package io.tideway.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationUrlTest {

    @Test
    void parsesAnFtpUrlWithDefaultPortAndDecodedCredentials() {
        DestinationUrl url = DestinationUrl.parse("ftp://us%40er:p%3Ass%2Fw@domain.com/reports/path.csv");

        assertThat(url.scheme()).isEqualTo("ftp");
        assertThat(url.user()).contains("us@er");
        assertThat(url.password()).contains("p:ss/w");
        assertThat(url.host()).isEqualTo("domain.com");
        assertThat(url.port()).isEqualTo(21);
        assertThat(url.path()).isEqualTo("/reports/path.csv");
    }

    @Test
    void masksThePasswordEverywhereItIsShown() {
        DestinationUrl url = DestinationUrl.parse("ftp://user:s3cret@127.0.0.1:2121/path.csv");

        assertThat(url.masked()).isEqualTo("ftp://user:***@127.0.0.1:2121/path.csv");
        assertThat(url.toString()).doesNotContain("s3cret");
        assertThat(url.masker().mask("530 login failed for user:s3cret")).isEqualTo("530 login failed for user:***");
    }

    @Test
    void takesThePasswordUpToTheLastAtSign() {
        DestinationUrl url = DestinationUrl.parse("ftp://user:p@ss@host/f.csv");

        assertThat(url.password()).contains("p@ss");
        assertThat(url.host()).isEqualTo("host");
    }

    @Test
    void masksTheApiKeyOfATdUrlAndReadsItsMode() {
        DestinationUrl url = DestinationUrl.parse("td://1/abcdef@api.example.com/db/table?mode=replace");

        assertThat(url.masked()).isEqualTo("td://***@api.example.com/db/table?mode=replace");
        assertThat(url.parameter("mode")).contains("replace");
        assertThat(DestinationUrl.parse("td://@/testdb/out").masked()).isEqualTo("td://@/testdb/out");
    }

    @Test
    void webUrlsDefaultToTheirPortsAndAllowNoCredentials() {
        assertThat(DestinationUrl.parse("web://example.com/hook").port()).isEqualTo(80);
        assertThat(DestinationUrl.parse("webs://example.com/hook").port()).isEqualTo(443);
        assertThat(DestinationUrl.parse("web://example.com").user()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "gopher://host/x | Unknown destination scheme 'gopher'",
        "host/path.csv | is not a URL",
        "ftp://user:pw@host:99999/x.csv | Bad port '99999'",
        "ftp://user:pw@host:abc/x.csv | Bad port 'abc'",
        "ftp://user:pw@/x.csv | has no host",
        "ftp://user:pw@host | names no file",
        "ftp://user:pw@host/dir/ | names no file",
        "td://@/onlydb | must name a database and a table",
        "td://@/db/t?mode=upsert | use mode=append or mode=replace",
        "web://:80/x | has no host",
        "ftp://user:pw@host/../etc/passwd.csv | has a '.' or '..' segment",
        "ftp://user:pw@host/reports/%2e%2e/x.csv | has a '.' or '..' segment",
        "ftp://user:pw@host/reports/./x.csv | has a '.' or '..' segment",
    })
    void refusesBadUrlsWithAMessageThatSaysWhatIsWrong(String url, String message) {
        assertThatThrownBy(() -> DestinationUrl.parse(url))
                .isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(":pw@"));
    }

    @Test
    void refusesAnEmptyUrl() {
        assertThatThrownBy(() -> DestinationUrl.parse(" ")).hasMessageContaining("empty");
    }
}
