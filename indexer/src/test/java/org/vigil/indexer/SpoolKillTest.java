package org.vigil.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.indexer.testkit.ElasticsearchExtension;
import org.vigil.indexer.testkit.TestElasticsearch;
import org.vigil.model.FlaggedItem;

/** A process spooling items is killed with SIGKILL; every item it reported durable survives. */
@ExtendWith(ElasticsearchExtension.class)
class SpoolKillTest {
  @TempDir Path spool;

  @Test
  void killMinus9LosesNothingThatWasCheckpointed(TestElasticsearch es) throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort(); // closed again: connections are refused
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx128m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    SpoolWriterMain.class.getName(),
                    spool.toString(),
                    "http://127.0.0.1:" + deadPort))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long durable = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      for (String line = out.readLine();
          line != null && durable < 1000 && System.nanoTime() < deadline;
          line = out.readLine()) {
        if (line.startsWith("durable ")) {
          durable = Long.parseLong(line.substring(8));
        }
      }
      child.destroyForcibly(); // SIGKILL, mid-write
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(durable).isGreaterThanOrEqualTo(1000);
    long spooled = Spool.size(spool);
    assertThat(spooled).isGreaterThanOrEqualTo(durable);

    String prefix = EsAdmin.uniquePrefix();
    EsAdmin admin = new EsAdmin(es.url());
    try (VigilIndex index = VigilIndex.connect(EsSettings.of(es.url()), prefix)) {
      index.setup();
      long replayed;
      try (ItemIndexer indexer =
          index.indexer(IndexerOptions.defaults(spool).withProbeInterval(Duration.ofHours(1)))) {
        replayed = indexer.replaySpool();
      }
      assertThat(replayed).isEqualTo(spooled);
      assertThat(Spool.size(spool)).isZero();
      // Items are numbered in add order: every one up to the last durable one is in the index.
      index.refresh();
      assertThat(admin.count(prefix + "-flagged")).isEqualTo(spooled);
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < durable; i++) {
        FlaggedItem item = TestItems.numbered(i);
        ids.add(item.id());
      }
      String body =
          "{\"query\":{\"ids\":{\"values\":"
              + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(ids)
              + "}}}";
      assertThat(admin.send("POST", "/" + prefix + "-flagged/_count", body).path("count").asLong())
          .isEqualTo(durable);
    } finally {
      admin.drop(prefix);
    }
  }
}
