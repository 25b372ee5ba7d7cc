package org.vigil.crawler.internal;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * robots.txt rules per origin ({@code scheme://host:port}), fetched once per crawl and parsed with
 * crawler-commons. A missing robots.txt (4xx) allows everything; a server error or network failure
 * disallows the origin for this crawl, as Google does. Redirects are the loader's (RFC 9309: the
 * rules reached are those of the origin asked for).
 */
public final class RobotsCache {
  /** The rules of one origin, reduced to what the crawler needs. */
  public record Rules(BaseRobotRules rules, boolean unavailable, FetchException error) {
    /** Whether {@code url} may be fetched. */
    public boolean allows(String url) {
      return !unavailable && rules.isAllowed(url);
    }

    /** Crawl-delay in milliseconds, or 0 when none. */
    public long crawlDelayMs() {
      long d = rules.getCrawlDelay();
      return d == BaseRobotRules.UNSET_CRAWL_DELAY || d < 0 ? 0 : d;
    }
  }

  /** Fetches robots.txt; returns the final response after redirects. */
  @FunctionalInterface
  public interface Loader {
    FetchResponse load(String robotsUrl) throws FetchException;
  }

  /**
   * What a caller does around waiting for rules another thread is still fetching: a crawl worker
   * gives its host back meanwhile ({@link Frontier#lend}), because the fetching worker may need
   * that host for a redirect hop of the robots.txt.
   */
  public interface Waiting {
    void before();

    void after();

    Waiting NONE =
        new Waiting() {
          @Override
          public void before() {}

          @Override
          public void after() {}
        };
  }

  private final ConcurrentHashMap<String, CompletableFuture<Rules>> cache =
      new ConcurrentHashMap<>();
  private final List<String> agentNames;

  /**
   * @param userAgent the full User-Agent; its product token (e.g. {@code vigilbot}) is obeyed
   */
  public RobotsCache(String userAgent) {
    this.agentNames = List.of(productToken(userAgent));
  }

  /**
   * The rules that apply to {@code url}, fetching robots.txt with {@code loader} on first use of
   * its origin. While another thread is fetching them, this one waits between {@code waiting}'s
   * {@link Waiting#before} and {@link Waiting#after}.
   */
  public Rules rulesFor(String url, Loader loader, Waiting waiting) {
    String origin = UrlRules.originOf(url);
    CompletableFuture<Rules> mine = new CompletableFuture<>();
    CompletableFuture<Rules> existing = cache.putIfAbsent(origin, mine);
    if (existing != null) {
      if (existing.isDone()) {
        return existing.join(); // never completed exceptionally
      }
      waiting.before();
      try {
        return existing.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Rules(
            new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE), true, null);
      } catch (ExecutionException e) {
        return new Rules(
            new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE), true, null);
      } finally {
        waiting.after();
      }
    }
    Rules rules;
    try {
      rules = load(origin + "/robots.txt", loader);
    } catch (RuntimeException | Error e) {
      mine.complete(
          new Rules(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE), true, null));
      throw e;
    }
    mine.complete(rules);
    return rules;
  }

  private Rules load(String robotsUrl, Loader loader) {
    SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    try {
      FetchResponse response = loader.load(robotsUrl);
      int status = response.status();
      if (status >= 200 && status < 300) {
        return new Rules(
            parser.parseContent(robotsUrl, response.body(), response.contentType(), agentNames),
            false,
            null);
      }
      if (status >= 400 && status < 500) {
        return new Rules(parser.failedFetch(status), false, null); // allow all
      }
      return new Rules(parser.failedFetch(status), true, null);
    } catch (FetchException e) {
      return new Rules(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE), true, e);
    }
  }

  /** {@code VigilBot/0.1 (+https://...)} becomes {@code vigilbot}. */
  static String productToken(String userAgent) {
    String token = userAgent.strip().split("[/\\s]", 2)[0].toLowerCase(Locale.ROOT);
    return token.isEmpty() ? "vigilbot" : token;
  }

  /** The robots.txt URL of an origin, for logging. */
  static String robotsUrl(String url) {
    return URI.create(UrlRules.originOf(url) + "/robots.txt").toString();
  }
}
