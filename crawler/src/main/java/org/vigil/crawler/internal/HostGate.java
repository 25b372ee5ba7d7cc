package org.vigil.crawler.internal;

import java.util.Locale;
import org.vigil.crawler.CrawlLimits;

/**
 * What stands between a worker and a request to a host: the host's politeness gap in the {@link
 * Frontier}, its robots.txt, and, for a redirect hop, the same judgement a link gets (scope, traps,
 * the SSRF guard). A worker holds one host at a time ({@link Hold}); a hop to another host moves
 * the hold there, so every request, robots.txt and redirect hops included, waits for its host.
 */
final class HostGate {
  private final Frontier frontier;
  private final RobotsCache robots;
  private final HttpFetcher fetcher;
  private final UrlRules rules;
  private final GuardedDnsResolver resolver;
  private final CrawlLimits limits;

  HostGate(
      Frontier frontier,
      RobotsCache robots,
      HttpFetcher fetcher,
      UrlRules rules,
      GuardedDnsResolver resolver,
      CrawlLimits limits) {
    this.frontier = frontier;
    this.robots = robots;
    this.fetcher = fetcher;
    this.rules = rules;
    this.resolver = resolver;
    this.limits = limits;
  }

  /**
   * The host a worker holds in the frontier: its lease's, until a redirect hop to another host
   * moves the hold there ({@link Frontier#switchHost}); {@code null} once released.
   */
  static final class Hold {
    String host;

    /** Whether a request was made to {@code host} since it was taken or switched to. */
    boolean requested;

    Hold(String host) {
      this.host = host;
    }
  }

  /**
   * Why robots.txt refuses {@code url} of {@code host} (a policy {@link FetchException}: the rules
   * disallow it, or could not be had for a reason that is policy), or {@code null} when it may be
   * fetched or robots.txt is not respected. Moves the hold to {@code host} first and raises the
   * host's gap to its crawl-delay.
   *
   * @throws FetchException when the worker is interrupted while waiting for the host
   */
  FetchException robotsRefusal(String url, String host, Hold hold) throws FetchException {
    if (!limits.respectRobots()) {
      return null;
    }
    holdHost(hold, host, url); // its robots.txt may need fetching first
    RobotsCache.Rules robotsRules = robotsRules(url, hold);
    if (robotsRules.crawlDelayMs() > 0) {
      frontier.raiseGap(host, Math.min(robotsRules.crawlDelayMs(), limits.maxRetryAfterMs()));
    }
    FetchException error = robotsRules.error();
    if (robotsRules.unavailable() && error != null && error.isPolicy()) {
      return error;
    }
    if (robotsRules.allows(url)) {
      return null;
    }
    return robotsRules.unavailable()
        ? new FetchException("robots", "unavailable", "robots.txt could not be fetched", false)
        : new FetchException("robots", "disallowed", "disallowed by robots.txt", false);
  }

  /**
   * Judges a redirect hop like a link (normalised, in scope, no trap, guard), then, for a hop to
   * another host, waits for that host's politeness gap and holds it (so its robots.txt and the hop
   * are requests to a host like any other), then checks its robots.txt.
   */
  String checkHop(String target, Hold hold) throws FetchException {
    String next = rules.normalize(target);
    if (next != null) {
      try {
        resolver.checkLiteral(UrlRules.hostOf(next));
      } catch (BlockedAddressException e) {
        throw new FetchException(
            "guard", "private-address", "redirect to " + next + ": " + e.getMessage(), false);
      }
    }
    UrlRules.Verdict verdict = rules.check(next);
    if (verdict == UrlRules.Verdict.INVALID) {
      throw new FetchException("fetch", "bad-redirect", "bad redirect target " + target, false);
    }
    if (verdict != UrlRules.Verdict.OK) {
      throw new FetchException(
          "limit",
          "redirect-" + verdict.name().toLowerCase(Locale.ROOT).replace('_', '-'),
          "redirect to " + next,
          false);
    }
    String nextHost = UrlRules.hostOf(next);
    FetchException refusal = robotsRefusal(next, nextHost, hold);
    if (refusal != null) {
      throw new FetchException(
          refusal.stage(),
          refusal.cause(),
          "redirect to " + next + ": " + refusal.getMessage(),
          false);
    }
    beforeRequest(hold, nextHost, next);
    return next;
  }

  /**
   * Waits until a request to {@code host} is polite: a host the worker does not hold is switched to
   * (waiting until it is idle and past its gap); a held host that was already asked something (a
   * robots.txt, an earlier redirect hop) is asked again only after its gap.
   */
  void beforeRequest(Hold hold, String host, String url) throws FetchException {
    if (host.equals(hold.host) && hold.requested) {
      try {
        frontier.awaitGap(host);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FetchException("fetch", "interrupted", "waiting to request " + url, false);
      }
    } else {
      holdHost(hold, host, url);
    }
    hold.requested = true;
  }

  /**
   * Moves the worker's hold to {@code host} (a redirect hop's) unless it holds it already: the old
   * host is released, and the worker waits until {@code host} is idle and past its politeness gap.
   */
  private void holdHost(Hold hold, String host, String url) throws FetchException {
    if (host.equals(hold.host)) {
      return;
    }
    try {
      frontier.switchHost(hold.host, host);
      hold.host = host;
      hold.requested = false;
    } catch (InterruptedException e) {
      hold.host = null; // switchHost released the old host and holds none
      Thread.currentThread().interrupt();
      throw new FetchException("fetch", "interrupted", "redirect to " + url, false);
    }
  }

  /**
   * The robots.txt rules for {@code url}, whose host the worker holds, and holds again on return.
   * Fetching them may hop to other hosts (each hop waits for its host's gap); while another worker
   * fetches them, this one lends its host out, so that worker's hops cannot wait on it.
   */
  private RobotsCache.Rules robotsRules(String url, Hold hold) throws FetchException {
    String host = hold.host;
    RobotsCache.Rules result =
        robots.rulesFor(
            url,
            robotsUrl -> fetchRobots(robotsUrl, hold),
            new RobotsCache.Waiting() {
              @Override
              public void before() {
                frontier.lend(host);
                hold.host = null;
              }

              @Override
              public void after() {
                try {
                  frontier.acquire(host); // past its gap: a request may follow at once
                  hold.host = host;
                  hold.requested = false;
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt(); // holds none: reported below
                }
              }
            });
    if (hold.host == null) {
      throw new FetchException("fetch", "interrupted", "waiting for robots.txt of " + url, false);
    }
    holdHost(hold, host, url); // back from the robots.txt's redirects
    return result;
  }

  /**
   * Fetches a robots.txt, following its redirects (RFC 9309: at least five, across hosts too; the
   * rules reached apply to the origin asked for). Each hop is a request like any other: the SSRF
   * guard judges it, and a hop to another host waits for that host's politeness gap.
   */
  private FetchResponse fetchRobots(String robotsUrl, Hold hold) throws FetchException {
    beforeRequest(hold, UrlRules.hostOf(robotsUrl), robotsUrl);
    return Redirects.follow(
        fetcher,
        robotsUrl,
        HttpFetcher.Purpose.ROBOTS,
        Redirects.Validators.NONE,
        limits.maxRedirects(),
        target -> {
          String next = rules.normalizeRedirect(target, "robots.txt ");
          String nextHost = UrlRules.hostOf(next);
          try {
            resolver.checkLiteral(nextHost); // before waiting for a host it will not contact
          } catch (BlockedAddressException e) {
            throw new FetchException(
                "guard", "private-address", "redirect to " + next + ": " + e.getMessage(), false);
          }
          beforeRequest(hold, nextHost, next);
          return next;
        });
  }
}
