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
}
