package org.vigil.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.TestData;
import org.vigil.cli.TestPipelines;
import org.vigil.cli.TestSite;
import org.vigil.crawler.SourcesConfig;
import org.vigil.indexer.EsSettings;
import org.vigil.indexer.VigilIndex;
import org.vigil.model.RunRecord;

/** The progress line: percentage and ETA when max_pages bounds the run; lines per source. */
class ProgressTest {
  @TempDir Path home;

  @Test
  void percentageAndEtaOnlyWhenMaxPagesBoundsTheRun() {
    // 100 of max_pages 400 attempted in 20 s, 900 queued: 25 %, 300 left at 5/s = 60 s.
    assertThat(CrawlRunListener.progressLine("forum", 90, 900, 3, 100, 400, 20.0))
        .isEqualTo(
            "forum: 90 pages, 4.5 pages/s, queue 900, errors 3, 25% of max_pages 400, ETA 1:00");
    // The frontier (100 + 50) ends the run before max_pages: no percentage to promise.
    assertThat(CrawlRunListener.progressLine("forum", 90, 50, 3, 100, 400, 20.0))
        .isEqualTo("forum: 90 pages, 4.5 pages/s, queue 50, errors 3");
  }

  @Test
  void aSchedulersProgressIsFullLinesPerSourceEndingAtTheShareOfMaxPagesDone() throws Exception {
    String links = "<a href=/a.html>a</a> <a href=/b.html>b</a> <a href=/c.html>c</a>";
    try (TestSite site =
        TestSite.start()
            .put("/", "<!doctype html><html><body><p>" + links + "</p></body></html>")
            .put("/a.html", TestSite.page("A", TestData.ordinary()))
            .put("/b.html", TestSite.page("B", TestData.ordinary() + " Second."))
            .put("/c.html", TestSite.page("C", TestData.ordinary() + " Third."))) {
      SourcesConfig config =
          Configs.load(site.sourcesYml(home.resolve("sources.yml"), "max_pages: 2"));
      StringWriter out = new StringWriter();
      // Nothing is flagged and nothing recrawled: the crawl sends nothing to Elasticsearch (only
      // the run history, which is down here and only logged).
      VigilIndex index = VigilIndex.open(EsSettings.of("http://127.0.0.1:1"), "vigil");
      try (Metrics metrics = Metrics.none(home.resolve("spool"));
          Pipeline pipeline = TestPipelines.defaultModel(home, index, metrics)) {
        pipeline.progressLinesTo(new PrintWriter(out, true), 1);
        RunRecord run = pipeline.crawl(config, config.sources().get(0), "schedule");
        assertThat(run.stats().fetched()).isEqualTo(2);
      }
      assertThat(out.toString()).doesNotContain("\r");
      List<String> lines = out.toString().lines().toList();
      assertThat(lines).isNotEmpty().allMatch(l -> l.startsWith("site: "));
      assertThat(lines.get(lines.size() - 1))
          .startsWith("site: 2 pages, ")
          .endsWith(", 100% of max_pages 2, ETA 0:00");
    }
  }
}
