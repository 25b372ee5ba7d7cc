package org.vigil.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.indexer.testkit.FakeServer;

/**
 * The version check at connect time, against real HTTP servers on 127.0.0.1 that answer like
 * servers Vigil must refuse (or, for the oldest supported 8.x, accept). The real 8.x and 9.x
 * clusters are checked by {@code AnalystTest}, which the build runs against both.
 */
class ServerVersionTest {
  @TempDir Path dir;

  @Test
  void elasticsearch7IsRefusedWithOneLineNamingVersionAndUrl() throws Exception {
    try (FakeServer es7 = FakeServer.elasticsearch("7.17.0")) {
      assertThatThrownBy(() -> VigilIndex.connect(EsSettings.of(es7.url())))
          .isExactlyInstanceOf(UnsupportedServerException.class)
          .hasMessage(
              "Elasticsearch 7.17.0 at " + es7.url() + " is not supported: use 8.11+ or 9.x");
      assertThat(es7.requests()).containsExactly("GET /_cluster/health", "GET /_nodes/_all/_none");
    }
  }

  @Test
  void theSupportedRangeIs811To9x() throws Exception {
    for (String refused : new String[] {"8.10.4", "10.0.0", "6.8.23"}) {
      try (FakeServer es = FakeServer.elasticsearch(refused)) {
        assertThatThrownBy(() -> VigilIndex.connect(EsSettings.of(es.url())))
            .isExactlyInstanceOf(UnsupportedServerException.class)
            .hasMessageStartingWith("Elasticsearch " + refused + " at ");
      }
    }
    for (String accepted : new String[] {"8.11.0", "8.19.2", "9.0.0", "9.2.4"}) {
      try (FakeServer es = FakeServer.elasticsearch(accepted);
          VigilIndex index = VigilIndex.connect(EsSettings.of(es.url()))) {
        assertThat(index.serverVersion()).contains(accepted);
        assertThat(index.health()).startsWith("Elasticsearch " + accepted + ", green (cluster ");
      }
    }
  }

  @Test
  void aClusterInARollingUpgradeIsAsOldAsItsOldestNode() throws Exception {
    try (FakeServer mixed = FakeServer.elasticsearch("9.2.4", "8.9.1", "8.19.2")) {
      assertThatThrownBy(() -> VigilIndex.connect(EsSettings.of(mixed.url())))
          .hasMessageStartingWith("Elasticsearch 8.9.1 at ");
    }
    try (FakeServer mixed = FakeServer.elasticsearch("9.2.4", "8.19.2");
        VigilIndex index = VigilIndex.connect(EsSettings.of(mixed.url()))) {
      assertThat(index.serverVersion()).contains("8.19.2");
    }
  }

  @Test
  void aServerThatIsNotElasticsearchIsRefusedNotSpooledFor() throws Exception {
    try (FakeServer web = FakeServer.webServer(404)) {
      assertThatThrownBy(() -> VigilIndex.connect(EsSettings.of(web.url())))
          .isExactlyInstanceOf(UnsupportedServerException.class)
          .hasMessage(
              "the server at "
                  + web.url()
                  + " is not Elasticsearch (GET /_cluster/health answered HTTP 404): use"
                  + " Elasticsearch 8.11+ or 9.x");
    }
    try (FakeServer web = FakeServer.webServer(200)) {
      assertThatThrownBy(() -> VigilIndex.connect(EsSettings.of(web.url())))
          .isExactlyInstanceOf(UnsupportedServerException.class)
          .hasMessageContaining("is not Elasticsearch (GET /_cluster/health answered HTTP 200");
    }
    try (FakeServer openSearch = FakeServer.openSearch("2.19.1")) {
      assertThatThrownBy(() -> VigilIndex.connect(EsSettings.of(openSearch.url())))
          .isExactlyInstanceOf(UnsupportedServerException.class)
          .hasMessage(
              "the server at "
                  + openSearch.url()
                  + " (version 2.19.1, no X-elastic-product: Elasticsearch header) is not a"
                  + " supported Elasticsearch: use Elasticsearch 8.11+ or 9.x");
    }
  }

  @Test
  void anAnswerThatSaysNothingAboutTheServerIsAnOutageNotAWrongServer() throws Exception {
    try (FakeServer down = FakeServer.webServer(503)) {
      assertThatThrownBy(() -> VigilIndex.connect(EsSettings.of(down.url())))
          .isExactlyInstanceOf(IndexerException.class)
          .hasMessageStartingWith("cannot reach Elasticsearch at " + down.url() + ": HTTP 503");
    }
  }

  @Test
  void refusedCredentialsSayWhatToSetNotCannotReach() throws Exception {
    try (FakeServer secured = FakeServer.secured(401)) {
      assertThatThrownBy(() -> VigilIndex.connect(EsSettings.of(secured.url())))
          .isExactlyInstanceOf(IndexerException.class)
          .hasMessage(
              "Elasticsearch at "
                  + secured.url()
                  + " needs credentials (HTTP 401 security_exception: missing authentication"
                  + " credentials for REST request [/_cluster/health]): set VIGIL_ES_API_KEY, or"
                  + " VIGIL_ES_USER and VIGIL_ES_PASSWORD");
      assertThatThrownBy(
              () -> VigilIndex.connect(EsSettings.of(secured.url()).withApiKey("QUJDOmRlZg==")))
          .hasMessageStartingWith(
              "Elasticsearch at " + secured.url() + " refused the credentials given (HTTP 401");
    }
    try (FakeServer secured = FakeServer.secured(403)) {
      assertThatThrownBy(() -> VigilIndex.connect(EsSettings.of(secured.url())))
          .isExactlyInstanceOf(IndexerException.class)
          .hasMessageStartingWith(
              "Elasticsearch at "
                  + secured.url()
                  + " does not let this user or API key read the cluster health (HTTP 403")
          .hasMessageEndingWith("it needs the monitor cluster privilege (docs/CONFIGURATION.md)");
    }
  }

  @Test
  void aSpoolIsNotReplayedIntoAnUnsupportedServer() throws Exception {
    Path spool = dir.resolve("spool");
    String closed = "http://127.0.0.1:1"; // refuses connections: the item is spooled
    try (VigilIndex down = VigilIndex.open(EsSettings.of(closed), "vtest");
        ItemIndexer indexer =
            down.indexer(
                IndexerOptions.defaults(spool)
                    .withRetries(1, Duration.ofMillis(5), Duration.ofMillis(5)))) {
      indexer.add(TestItems.numbered(1));
      indexer.checkpoint();
      assertThat(indexer.stats().spooled()).isEqualTo(1);
    }
    try (FakeServer es7 = FakeServer.elasticsearch("7.17.0");
        VigilIndex back = VigilIndex.open(EsSettings.of(es7.url()), "vtest");
        ItemIndexer indexer = back.indexer(IndexerOptions.defaults(spool))) {
      assertThatThrownBy(indexer::replaySpool)
          .isInstanceOf(IndexerException.class)
          .hasMessageContaining("Elasticsearch 7.17.0 at " + es7.url() + " is not supported");
      assertThat(es7.requests()).noneMatch(r -> r.contains("_bulk"));
    }
    assertThat(Spool.size(spool)).isEqualTo(1);
  }
}
