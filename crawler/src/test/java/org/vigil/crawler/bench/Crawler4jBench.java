package org.vigil.crawler.bench;

import edu.uci.ics.crawler4j.crawler.CrawlConfig;
import edu.uci.ics.crawler4j.crawler.CrawlController;
import edu.uci.ics.crawler4j.crawler.Page;
import edu.uci.ics.crawler4j.crawler.WebCrawler;
import edu.uci.ics.crawler4j.fetcher.PageFetcher;
import edu.uci.ics.crawler4j.robotstxt.RobotstxtConfig;
import edu.uci.ics.crawler4j.robotstxt.RobotstxtServer;
import edu.uci.ics.crawler4j.url.WebURL;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Baseline (a): a bare crawler4j 4.4.0 crawler that does nothing in {@code visit}. Time is taken
 * from start to the last visited page (crawler4j then idles for its shutdown delays, which are not
 * counted). Arguments: base URL, threads.
 */
public final class Crawler4jBench {
  static final AtomicLong VISITED = new AtomicLong();
  static volatile long lastVisit;
  static String prefix;

  private Crawler4jBench() {}

  /** Follows links on the bench host only; does nothing with pages. */
  public static final class Bare extends WebCrawler {
    @Override
    public boolean shouldVisit(Page referringPage, WebURL url) {
      return url.getURL().startsWith(prefix);
    }

    @Override
    public void visit(Page page) {
      VISITED.incrementAndGet();
      lastVisit = System.nanoTime();
    }
  }

  public static void main(String[] args) throws Exception {
    prefix = args[0];
    int threads = Integer.parseInt(args[1]);
    CrawlConfig config = new CrawlConfig();
    config.setCrawlStorageFolder(Files.createTempDirectory("crawler4j-bench").toString());
    config.setPolitenessDelay(0);
    config.setMaxDepthOfCrawling(-1);
    config.setMaxPagesToFetch(-1);
    config.setIncludeBinaryContentInCrawling(false);
    config.setResumableCrawling(false);
    config.setThreadMonitoringDelaySeconds(1);
    config.setThreadShutdownDelaySeconds(1);
    config.setCleanupDelaySeconds(1);
    PageFetcher fetcher = new PageFetcher(config);
    RobotstxtServer robots = new RobotstxtServer(new RobotstxtConfig(), fetcher);
    CrawlController controller = new CrawlController(config, fetcher, robots);
    controller.addSeed(prefix + "/");
    long start = System.nanoTime();
    controller.start(Bare.class, threads);
    BenchResult.print("a-crawler4j-bare", VISITED.get(), lastVisit - start, threads);
  }
}
