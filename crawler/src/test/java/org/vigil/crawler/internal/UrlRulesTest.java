package org.vigil.crawler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigil.crawler.CrawlLimits;
import org.vigil.model.Scope;

class UrlRulesTest {
  final UrlRules rules =
      new UrlRules(
          new Scope(List.of("example.org"), List.of(), List.of("/login", "\\?sort=")),
          List.of("https://example.org/"),
          CrawlLimits.defaults());

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "HTTP://Example.ORG:80/a/./b/../c#frag | http://example.org/a/c",
        "https://example.org:443 | https://example.org/",
        "https://example.org/p?utm_source=x&b=2&a=1&fbclid=z | https://example.org/p?a=1&b=2",
        "https://example.org/p?PHPSESSID=abc | https://example.org/p",
        "https://example.org/p;jsessionid=ABC123?id=2 | https://example.org/p?id=2",
        "https://example.org/a b/é | https://example.org/a%20b/%C3%A9",
        "https://example.org./x | https://example.org/x",
      })
  void normalises(String raw, String expected) {
    assertThat(rules.normalize(raw)).isEqualTo(expected);
  }

  @Test
  void rejectsWhatIsNotAnHttpUrl() {
    assertThat(rules.normalize("mailto:a@example.org")).isNull();
    assertThat(rules.normalize("javascript:alert(1)")).isNull();
    assertThat(rules.normalize("/relative")).isNull();
    assertThat(rules.normalize("https://user:pw@example.org/")).isNull();
    assertThat(rules.normalize(null)).isNull();
  }

  @Test
  void scopeAndTraps() {
    assertThat(rules.check("https://example.org/a")).isEqualTo(UrlRules.Verdict.OK);
    assertThat(rules.check("https://forum.example.org/a")).isEqualTo(UrlRules.Verdict.OK);
    assertThat(rules.check("https://badexample.org/a")).isEqualTo(UrlRules.Verdict.OUT_OF_SCOPE);
    assertThat(rules.check("https://example.org/login")).isEqualTo(UrlRules.Verdict.OUT_OF_SCOPE);
    assertThat(rules.check("https://example.org/l?sort=asc"))
        .isEqualTo(UrlRules.Verdict.OUT_OF_SCOPE);
    assertThat(rules.check("https://example.org/a/b/a/b/a/b/a/b"))
        .isEqualTo(UrlRules.Verdict.REPEATED_PATH);
    assertThat(rules.check("https://example.org/a/b/a/b/a/b")).isEqualTo(UrlRules.Verdict.OK);
    assertThat(rules.check("https://example.org/" + "x".repeat(3000)))
        .isEqualTo(UrlRules.Verdict.TOO_LONG);
    assertThat(rules.check(null)).isEqualTo(UrlRules.Verdict.INVALID);
  }

  /**
   * normalize's, hostOf's and check's URI-free path for plain URLs gives exactly what the earlier
   * implementation ({@link UrlRulesReference}, URI parsing for every URL) gives, on URLs built from
   * random parts: plain and odd hosts (IPv4 with leading zeros or 256, labels with hyphens, digits,
   * upper case, trailing dots, IPv6, user info), ports (empty, 0, 80, 443, 5 and 6 digits), paths
   * with dot segments, path parameters and escapes (valid and broken), queries with tracking
   * parameters, fragments, and characters URIs do not allow.
   */
  @Test
  void normalisesAsTheEarlierImplementationOnRandomUrls() {
    Scope scope = new Scope(List.of("example.org"), List.of(), List.of());
    UrlRules current = new UrlRules(scope, List.of("https://example.org/"), CrawlLimits.defaults());
    UrlRulesReference earlier =
        new UrlRulesReference(scope, List.of("https://example.org/"), CrawlLimits.defaults());
    String[] schemes = {
      "http://", "https://", "HTTP://", "Https://", "ftp://", "http:/", "http:", ""
    };
    String[] hosts = {
      "example.org",
      "www.example.org",
      "127.0.0.1",
      "10.0.0.255",
      "01.2.3.4",
      "1.2.3.256",
      "1.2.3",
      "1.2.3.4.5",
      "1.2.3.4.com",
      "a-b.example",
      "-a.example",
      "a-.example",
      "a..b",
      ".a.b",
      "a.b.",
      "Example.ORG",
      "xn--bcher-kva.example",
      "3com.com",
      "a.3com",
      "localhost",
      "123",
      "a_b.example",
      "[::1]",
      "[2001:db8::1]",
      "user@example.org",
      "u:p@example.org",
      "ex ample.org",
      "exämple.org",
      "",
      "a.b-c.d1"
    };
    String[] ports = {
      "", "", "", ":", ":0", ":80", ":443", ":8080", ":08080", ":65535", ":99999", ":123456", ":8a",
      "::80"
    };
    String[] segments = {
      "a", "b", ".", "..", "", "p;jsessionid=X1", "p;a=1;b", "x%20y", "x%2", "x%zz", "%41",
      "a b", "é", "a|b", "a^b", "~u", "a:b", "a@b", "(x)", "*!'", "a+b,c$d=e&f", "index.html",
      "a\\b", "a{b}", "a\"b", "a`b", "[x]"
    };
    String[] params = {
      "a=1",
      "b=2",
      "utm_source=x",
      "UTM_Medium=y",
      "fbclid=z",
      "PHPSESSID=s",
      "sid=1",
      "q=a+b",
      "q=%20",
      "q=%2",
      "x",
      "",
      "a=1?b",
      "p=/x/",
      "c=é",
      "d=a b",
      "e=[1]",
      "f=a|b",
      "g=a:b@c"
    };
    String[] fragments = {"", "", "#", "#top", "#a/b?c", "#a b", "#a#b", "#%zz", "#é"};
    java.util.Random random = new java.util.Random(20261205);
    List<String> urls = new java.util.ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      StringBuilder url = new StringBuilder();
      url.append(i % 3 == 0 ? schemes[random.nextInt(schemes.length)] : schemes[i % 2]);
      url.append(i % 4 == 0 ? hosts[random.nextInt(hosts.length)] : hosts[i % 3]);
      url.append(ports[random.nextInt(ports.length)]);
      int depth = random.nextInt(i % 7 == 0 ? 12 : 5); // deep ones repeat segments
      for (int d = 0; d < depth; d++) {
        url.append('/').append(segments[random.nextInt(segments.length)]);
      }
      if (random.nextInt(4) == 0) {
        url.append('/');
      }
      int query = random.nextInt(5) - 1;
      for (int q = 0; q <= query; q++) {
        url.append(q == 0 ? '?' : '&').append(params[random.nextInt(params.length)]);
      }
      url.append(fragments[random.nextInt(fragments.length)]);
      urls.add(url.toString());
    }
    int plain = 0;
    java.util.Set<UrlRules.Verdict> verdicts = java.util.EnumSet.noneOf(UrlRules.Verdict.class);
    for (String url : urls) {
      String expected = earlier.normalize(url);
      assertThat(current.normalize(url)).as(url).isEqualTo(expected);
      assertThat(UrlRules.hostOf(url)).as(url).isEqualTo(UrlRulesReference.hostOf(url));
      assertThat(current.check(url).name()).as(url).isEqualTo(earlier.check(url).name());
      if (expected != null) {
        verdicts.add(current.check(expected));
        assertThat(UrlRules.hostOf(expected))
            .as(expected)
            .isEqualTo(UrlRulesReference.hostOf(expected));
        assertThat(current.check(expected).name())
            .as(expected)
            .isEqualTo(earlier.check(expected).name());
      }
      plain += expected != null && url.startsWith("http") ? 1 : 0;
    }
    assertThat(plain).as("URLs that normalise").isGreaterThan(5_000);
    assertThat(verdicts)
        .contains(
            UrlRules.Verdict.OK, UrlRules.Verdict.OUT_OF_SCOPE, UrlRules.Verdict.REPEATED_PATH);
  }
}
