package org.vigil.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The site is served as {@code site.test} (resolved to 127.0.0.1 and explicitly in scope, hence
 * allowed). {@code internal.site.test} also resolves to this very server and is in scope as a
 * subdomain, but is not named explicitly: only the post-DNS guard can stop it, and the server log
 * proves whether it did.
 */
class SsrfGuardTest {
  static final String HOST = "site.test";
  static final String INTERNAL = "internal.site.test";

  TestSite site;
  String base;

  @BeforeEach
  void start() throws IOException {
    site = new TestSite();
    base = site.base(HOST);
    int port = site.port();
    site.html(
            "/",
            CrawlerBehaviourTest.page(
                "Home",
                "Links to private places",
                "http://" + INTERNAL + ":" + port + "/secret",
                "http://127.0.0.2:" + port + "/loopback2",
                "http://10.0.0.1/admin",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:" + port + "/v6",
                "http://[fd00::1]/ula",
                "/go-internal",
                "/go-metadata",
                "/go-v6"))
        .redirect("/go-internal", 302, "http://" + INTERNAL + ":" + port + "/redirected-secret")
        .redirect("/go-metadata", 302, "http://169.254.169.254/latest/meta-data/iam")
        .redirect("/go-v6", 301, "http://[::1]:" + port + "/redirected-v6")
        .html("/secret", CrawlerBehaviourTest.page("Secret", "internal secret"))
        .html("/redirected-secret", CrawlerBehaviourTest.page("Secret2", "internal secret two"));
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void privateTargetsOfLinksAndRedirectsAreNeverRequested() throws IOException {
    Crawls.Run run =
        Crawls.crawl(
            Crawls.web("g", List.of(base + "/"), List.of(HOST), 2, 100),
            Crawls.FAST,
            false,
            null,
            HOST,
            INTERNAL);
    assertThat(site.hosts()).containsExactly(HOST);
    assertThat(site.targets())
        .contains("/", "/go-internal", "/go-metadata", "/go-v6")
        .doesNotContain("/secret", "/redirected-secret", "/loopback2", "/v6", "/redirected-v6");
    assertThat(run.failures())
        .filteredOn(f -> f.cause().equals("private-address"))
        .extracting(f -> f.url().replaceAll(":\\d+/", "/"))
        .contains(
            "http://internal.site.test/secret",
            "http://127.0.0.2/loopback2",
            "http://10.0.0.1/admin",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]/v6",
            "http://[fd00::1]/ula",
            "http://site.test/go-internal",
            "http://site.test/go-metadata",
            "http://site.test/go-v6");
    assertThat(run.result().failuresByCause().get("guard:private-address")).isEqualTo(9);
  }

  @Test
  void robotsTxtRedirectsToPrivateAddressesAreNotFollowed() throws IOException {
    for (String target :
        List.of(
            "http://" + INTERNAL + ":" + site.port() + "/robots.txt", // private after DNS
            "http://10.0.0.1/robots.txt")) { // a private literal
      site.redirect("/robots.txt", 302, target);
      int before = site.requests().size();
      Crawls.Run run =
          Crawls.crawl(
              Crawls.web("g", List.of(base + "/"), List.of(HOST), 0, 10),
              Crawls.FAST,
              false,
              null,
              HOST,
              INTERNAL);
      assertThat(site.requests().subList(before, site.requests().size()))
          .extracting(TestSite.Req::host, TestSite.Req::target)
          .as(target)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(HOST, "/robots.txt"));
      assertThat(run.causes()).as(target).containsExactly("guard:private-address");
    }
  }

  @Test
  void allowPrivateNetworksSwitchesTheGuardOff() throws IOException {
    Crawls.Run run =
        Crawls.crawl(
            Crawls.web("g", List.of(base + "/"), List.of(HOST), 2, 100),
            Crawls.FAST,
            true,
            null,
            HOST,
            INTERNAL);
    assertThat(site.targets(INTERNAL)).contains("/secret", "/redirected-secret");
    assertThat(run.causes()).doesNotContain("guard:private-address");
  }

  @Test
  void hostsNamedInScopeMayBePrivate() throws IOException {
    Crawls.Run run =
        Crawls.crawl(
            Crawls.web("g", List.of(base + "/"), List.of(HOST, INTERNAL), 2, 100),
            Crawls.FAST,
            false,
            null,
            HOST,
            INTERNAL);
    assertThat(site.targets(INTERNAL)).contains("/secret");
    assertThat(site.targets()).doesNotContain("/loopback2", "/v6");
    assertThat(run.urls()).contains("http://" + INTERNAL + ":" + site.port() + "/secret");
  }

  @Test
  void pageFetcherGuardsAndFetches() throws IOException {
    String url = "http://127.0.0.1:" + site.port() + "/secret";
    assertThatThrownBy(() -> PageFetcher.fetchOne(url, null, false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("127.0.0.1")
        .hasMessageContaining("private-address");
    assertThat(site.targets()).isEmpty();
    assertThat(PageFetcher.fetchOne(url, null, true).content().text()).contains("internal secret");
    assertThat(site.requests().get(0).headers().get("User-Agent"))
        .isEqualTo(SourcesConfig.DEFAULT_USER_AGENT);
  }
}
