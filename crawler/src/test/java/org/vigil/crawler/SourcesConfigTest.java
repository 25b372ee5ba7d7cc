package org.vigil.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.model.Source;
import org.vigil.model.SourceType;

class SourcesConfigTest {
  @TempDir Path dir;

  Path write(String yaml) throws IOException {
    Path file = dir.resolve("sources.yml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void aScheduleCheckReportsWithEveryOtherErrorAndTimezoneIsAnIanaName() throws Exception {
    Path file =
        write(
            """
            sources:
              - id: a
                type: web
                seeds: ["https://a.org/"]
                max_depth: -1
                schedule: "61 * * * *"
                timezone: Europe/Berlin
              - id: b
                type: web
                seeds: ["https://b.org/"]
                schedule: "@daily"
                timezone: Nowhere/Atlantis
            """);
    List<ConfigError> errors =
        SourcesConfig.validate(file, s -> s.startsWith("61") ? "minute 61 out of range" : null);
    assertThat(errors)
        .extracting(ConfigError::toString)
        .containsExactly(
            file + ":5: sources[0].max_depth: -1 is out of range [0, 1000]",
            file + ":6: sources[0].schedule: minute 61 out of range",
            file
                + ":12: sources[1].timezone: 'Nowhere/Atlantis' is not a time zone; expected an"
                + " IANA name such as Europe/Berlin");

    Path valid =
        write(
            Files.readString(file)
                .replace("max_depth: -1", "max_depth: 1")
                .replace("Nowhere/Atlantis", "Asia/Tokyo"));
    SourcesConfig config = SourcesConfig.load(valid, s -> null);
    assertThat(config.sources().get(0).timezone()).isEqualTo("Europe/Berlin");
    assertThat(config.sources().get(1).schedule()).isEqualTo("@daily");
    assertThat(config.sources().get(1).timezone()).isEqualTo("Asia/Tokyo");
  }

  @Test
  void aSourcesFlagThresholdIsANumberBetweenZeroAndOne() throws Exception {
    Path file =
        write(
            """
            sources:
              - id: forum
                type: web
                seeds: ["https://a.org/"]
                flag_threshold: 0.45
              - id: news
                type: web
                seeds: ["https://b.org/"]
                flag_threshold: 1.5
              - id: blog
                type: web
                seeds: ["https://c.org/"]
                flag_threshold: high
              - id: plain
                type: web
                seeds: ["https://d.org/"]
            """);
    assertThat(SourcesConfig.validate(file, s -> null))
        .extracting(ConfigError::toString)
        .containsExactly(
            file
                + ":9: sources[1].flag_threshold: 1.5 is out of range: expected more than 0, less"
                + " than 1",
            file
                + ":13: sources[2].flag_threshold: expected a number between 0 and 1, got"
                + " 'high'");

    Path valid = write(Files.readString(file).replace("1.5", "0.8").replace("high", "0.7"));
    SourcesConfig config = SourcesConfig.load(valid, s -> null);
    assertThat(config.sources())
        .extracting(org.vigil.model.Source::flagThreshold)
        .containsExactly(0.45, 0.8, 0.7, null);
  }

  @Test
  void loadsTheIssueExampleWithDefaultsAndExtensions() throws Exception {
    Path file =
        write(
            """
            allow_private_networks: false
            user_agent: "VigilBot/1.0 (+https://example.org/contact)"
            sources:
              - id: example-forum
                type: web
                seeds: ["https://forum.example.org/"]
                scope: {hosts: ["forum.example.org"], include: [], exclude: ["/login", "\\\\?sort="]}
                max_depth: 5
                max_pages: 10000
                politeness_ms: 1000
                schedule: "0 */6 * * *"
              - id: news-sitemap
                type: sitemap
                seeds: ["https://news.example.org/sitemap.xml"]
                max_bytes: 1048576
                on_too_large: skip
                threads: 2
                max_pages_per_host: 500
                strip_query_params: [ref, "utm_*"]
                connect_timeout_ms: 5000
                respect_robots: true
            """);
    SourcesConfig config = SourcesConfig.load(file);
    assertThat(config.file()).isEqualTo(file);
    assertThat(config.userAgent()).isEqualTo("VigilBot/1.0 (+https://example.org/contact)");
    assertThat(config.allowPrivateNetworks()).isFalse();
    Source forum = config.source("example-forum").orElseThrow();
    assertThat(forum.type()).isEqualTo(SourceType.WEB);
    assertThat(forum.scope().exclude()).containsExactly("/login", "\\?sort=");
    assertThat(forum.schedule()).isEqualTo("0 */6 * * *");
    Source news = config.source("news-sitemap").orElseThrow();
    assertThat(news.maxDepth()).isEqualTo(5);
    assertThat(news.maxPages()).isEqualTo(10_000);
    assertThat(news.politenessMs()).isEqualTo(1_000);
    assertThat(news.scope().hosts()).containsExactly("news.example.org"); // defaults to seed hosts
    CrawlLimits limits = config.limits("news-sitemap");
    assertThat(limits.maxBytes()).isEqualTo(1_048_576);
    assertThat(limits.truncateTooLarge()).isFalse();
    assertThat(limits.threads()).isEqualTo(2);
    assertThat(limits.maxPagesPerHost()).isEqualTo(500);
    assertThat(limits.stripQueryParams()).containsExactly("ref", "utm_*");
    assertThat(limits.connectTimeoutMs()).isEqualTo(5_000);
    assertThat(limits.readTimeoutMs()).isEqualTo(CrawlLimits.defaults().readTimeoutMs());
    assertThat(config.limits("example-forum")).isEqualTo(CrawlLimits.defaults());
    assertThat(config.source("nope")).isEmpty();
  }

  @Test
  void validateReportsEveryErrorWithFileLineAndField() throws IOException {
    Path file =
        write(
            """
            user_agent: Bot/1
            colour: blue
            sources:
              - id: Bad_Id
                type: ftp
                seeds: ["ftp://x.org/", "https://ok.org/"]
                max_depth: -1
                politeness_ms: soon
                scope: {hosts: [ok.org], exclude: ["(unclosed"]}
                frobnicate: true
              - id: good
                type: web
                seeds: []
              - id: good
                type: feed
                seeds: ["https://ok.org/feed"]
                schedule: "every day"
            """);
    List<ConfigError> errors = SourcesConfig.validate(file);
    assertThat(errors)
        .extracting(ConfigError::toString)
        .containsExactly(
            file + ":2: colour: unknown key (allowed: allow_private_networks, sources, user_agent)",
            file + ":4: sources[0].id: 'Bad_Id' must match [a-z0-9-]+",
            file + ":5: sources[0].type: unknown source type 'ftp' (web, sitemap, feed)",
            file + ":6: sources[0].seeds[0]: 'ftp://x.org/' is not an http(s) URL",
            file + ":7: sources[0].max_depth: -1 is out of range [0, 1000]",
            file + ":8: sources[0].politeness_ms: expected an integer, got 'soon'",
            file + ":9: sources[0].scope.exclude[0]: invalid regular expression: Unclosed group",
            errors.get(7).toString(),
            file + ":13: sources[1].seeds: must list at least one URL",
            file + ":14: sources[2].id: duplicate id 'good' (first on line 11)",
            file
                + ":17: sources[2].schedule: 'every day' must have 5 fields (minute hour day-of-month month day-of-week)");
    assertThat(errors.get(7).field()).isEqualTo("sources[0].frobnicate");
    assertThat(errors.get(7).line()).isEqualTo(10);
    assertThat(errors.get(7).message()).startsWith("unknown key");
    assertThatThrownBy(() -> SourcesConfig.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(errors.get(0).toString())
        .satisfies(e -> assertThat(((ConfigException) e).errors()).isEqualTo(errors));
  }

  @Test
  void duplicateIdsAndKeysAreRejected() throws IOException {
    Path file =
        write(
            """
            sources:
              - id: a
                type: web
                type: feed
                seeds: ["https://a.org/"]
              - id: a
                type: web
                seeds: ["https://a.org/"]
            """);
    assertThat(SourcesConfig.validate(file))
        .extracting(ConfigError::toString)
        .containsExactly(
            file + ":4: sources[0].type: duplicate key (first on line 3)",
            file + ":6: sources[1].id: duplicate id 'a' (first on line 2)");
  }

  @Test
  void syntaxErrorsEmptyAndMissingFilesAreOneLineErrors() throws IOException {
    Path bad = write("sources:\n  - id: a\n    seeds: [unclosed\n");
    ConfigError syntax = SourcesConfig.validate(bad).get(0);
    assertThat(syntax.line()).isGreaterThan(1);
    assertThat(syntax.toString()).startsWith(bad + ":").doesNotContain("\n");

    Path empty = write("");
    assertThat(SourcesConfig.validate(empty))
        .extracting(ConfigError::message)
        .containsExactly("empty file; expected a mapping with 'sources'");

    Path missing = dir.resolve("missing.yml");
    assertThatThrownBy(() -> SourcesConfig.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(missing + ":0: (file): cannot read");

    Path list = write("- a\n- b\n");
    assertThat(SourcesConfig.validate(list).get(0).toString())
        .isEqualTo(list + ":1: (document): expected a mapping with 'sources'");
  }

  @Test
  void programmaticConfigRejectsDuplicateIds() {
    Source s = Crawls.web("x", List.of("http://a.test/"), List.of(), 1, 1);
    assertThatThrownBy(() -> SourcesConfig.of(false, null, List.of(s, s)))
        .hasMessageContaining("duplicate source id 'x'");
    assertThat(SourcesConfig.of(true, null, List.of(s)).userAgent())
        .isEqualTo(SourcesConfig.DEFAULT_USER_AGENT);
  }
}
