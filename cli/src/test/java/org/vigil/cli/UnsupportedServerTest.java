package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.demo.DemoSite;
import org.vigil.indexer.Spool;
import org.vigil.indexer.testkit.FakeServer;

/**
 * Every command that talks to Elasticsearch, pointed at real HTTP servers on 127.0.0.1 that answer
 * like Elasticsearch 7.17 or like a web server: one line, exit 2, before any crawling, nothing
 * spooled.
 */
class UnsupportedServerTest {
  @TempDir Path home;

  private Run vigil(String esUrl, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_HOME", home.toString());
    env.put("VIGIL_ES_URL", esUrl);
    env.put("USER", "tester");
    return Run.of(env, args);
  }

  @Test
  void crawlAgainstElasticsearch7StopsBeforeCrawlingWithOneLineAndExit2() throws Exception {
    try (DemoSite site = DemoSite.start();
        FakeServer es7 = FakeServer.elasticsearch("7.17.0")) {
      Path config =
          Files.writeString(home.resolve("sources.yml"), EsCommandsTest.sourcesYml(site.baseUrl()));
      Run crawl = vigil(es7.url(), "crawl", "--config", config.toString(), "--json");
      assertThat(crawl.code()).as(crawl.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(crawl.err().strip())
          .as(crawl.toString())
          .isEqualTo(
              "vigil crawl: Elasticsearch 7.17.0 at "
                  + es7.url()
                  + " is not supported: use 8.11+ or 9.x");
      assertThat(crawl.out()).isEmpty();
      assertThat(site.requestedPaths()).isEmpty();
      assertThat(Spool.size(home.resolve("spool"))).isZero();
      assertThat(es7.requests())
          .allMatch(r -> r.startsWith("GET /_cluster/health") || r.startsWith("GET /_nodes"));
    }
  }

  @Test
  void everyCommandThatConnectsRefusesElasticsearch7() throws Exception {
    Path items = Files.writeString(home.resolve("items.jsonl"), "");
    try (FakeServer es7 = FakeServer.elasticsearch("7.17.0")) {
      String line = "Elasticsearch 7.17.0 at " + es7.url() + " is not supported: use 8.11+ or 9.x";
      for (List<String> args :
          List.of(
              List.of("search", "join"),
              List.of("review", "--queue"),
              List.of("review", "abc", "--verdict", "confirmed"),
              List.of("runs"),
              List.of("replay"),
              List.of("index", "--input", items.toString()),
              List.of("es", "setup"),
              List.of("es", "status"))) {
        Run run = vigil(es7.url(), args.toArray(String[]::new));
        assertThat(run.code()).as(args + ": " + run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip().lines())
            .as(args + ": " + run)
            .containsExactly(
                "vigil "
                    + (args.get(0).equals("es") ? "es " + args.get(1) : args.get(0))
                    + ": "
                    + line);
      }
      Run status = vigil(es7.url(), "status");
      assertThat(status.code()).as(status.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(status.out()).contains("spool: 0 item(s)").contains("elasticsearch: " + line);
    }
  }

  @Test
  void aServerThatIsNotElasticsearchGetsTheSameTreatment() throws Exception {
    try (DemoSite site = DemoSite.start();
        FakeServer web = FakeServer.webServer(404)) {
      Path config =
          Files.writeString(home.resolve("sources.yml"), EsCommandsTest.sourcesYml(site.baseUrl()));
      Run crawl = vigil(web.url(), "crawl", "--config", config.toString());
      assertThat(crawl.code()).as(crawl.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(crawl.err().strip())
          .isEqualTo(
              "vigil crawl: the server at "
                  + web.url()
                  + " is not Elasticsearch (GET /_cluster/health answered HTTP 404): use"
                  + " Elasticsearch 8.11+ or 9.x");
      assertThat(site.requestedPaths()).isEmpty();
      Run search = vigil(web.url(), "search", "x");
      assertThat(search.code()).isEqualTo(ExitCodes.USAGE);
    }
  }
}
