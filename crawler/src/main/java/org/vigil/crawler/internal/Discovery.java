package org.vigil.crawler.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.vigil.model.ExtractedContent;

/**
 * How a URL gets into the {@link Frontier}: seeds, a page's links, a sitemap's or feed's entries
 * and last run's links of an unchanged page are normalised, judged (scope, traps, the SSRF guard's
 * IP literals) and queued, each URL once per run. A queued URL is recorded for the next checkpoint
 * too, so that a resumed run finds it again.
 */
final class Discovery {
  private final UrlRules rules;
  private final GuardedDnsResolver resolver;
  private final Frontier frontier;
  private final int maxDepth;
  private final Consumer<StateStore.Op> pending;
  private final Refusals refusals;

  /** Every URL this run has seen: queued, refused, or reached by a redirect. */
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  /**
   * Where a refused URL is reported (a policy skip): an invalid seed, a URL trap, a private
   * address. Ordinary refusals (out of scope, not http(s)) are not reported.
   */
  @FunctionalInterface
  interface Refusals {
    void refuse(String url, String stage, String cause, String detail);
  }

  Discovery(
      UrlRules rules,
      GuardedDnsResolver resolver,
      Frontier frontier,
      int maxDepth,
      Consumer<StateStore.Op> pending,
      Refusals refusals) {
    this.rules = rules;
    this.resolver = resolver;
    this.frontier = frontier;
    this.maxDepth = maxDepth;
    this.pending = pending;
    this.refusals = refusals;
  }

  /** Counts the URLs an interrupted run had seen as seen in this one, which resumes it. */
  void resume(Collection<String> seenBefore) {
    seen.addAll(seenBefore);
  }

  /**
   * Marks {@code url} (a redirect target) seen; {@code false} when this run had already seen it.
   */
  boolean firstSeen(String url) {
    return seen.add(url);
  }

  /**
   * Queues the source's seeds as {@code kind} tasks; an invalid one is reported and skipped.
   * Returns the normalised URLs queued.
   */
  List<String> seed(List<String> seeds, Task.Kind kind) {
    List<String> queued = new ArrayList<>();
    for (String seed : seeds) {
      String url = rules.normalize(seed);
      if (url == null) {
        refusals.refuse(seed, "limit", "invalid-url", "seed is not an http(s) URL");
        continue;
      }
      queued.add(url);
      enqueue(url, 0, kind, null);
    }
    return queued;
  }

  /** Discovers a fetched page's links, unless the page is at the source's max_depth. */
  void links(Task task, ExtractedContent content, String base) {
    if (task.depth() >= maxDepth) {
      return;
    }
    for (String link : content.outlinks()) {
      discover(link, task.depth() + 1, Task.Kind.PAGE, base);
    }
  }

  /**
   * Discovers a sitemap's entries at its {@code depth}: child sitemaps (of a sitemap index) and
   * pages. A gzipped sitemap is read within {@code maxBytes}.
   */
  void sitemap(int depth, FetchResponse response, long maxBytes) throws IOException {
    LinkSources.SitemapLinks links =
        LinkSources.sitemap(response.body(), response.mediaType(), response.url(), maxBytes);
    for (String child : links.sitemaps()) {
      discover(child, depth, Task.Kind.SITEMAP, response.url());
    }
    for (String page : links.pages()) {
      discover(page, depth, Task.Kind.PAGE, response.url());
    }
  }

  /** Discovers a feed's entry links at {@code entryDepth}, unless that is past max_depth. */
  void feed(FetchResponse response, int entryDepth) throws IOException {
    if (entryDepth <= maxDepth) {
      for (String link : LinkSources.feed(response.body())) {
        discover(link, entryDepth, Task.Kind.PAGE, response.url());
      }
    }
  }

  /** Normalises, filters and queues a discovered link (each URL once per run). */
  void discover(String raw, int depth, Task.Kind kind, String parent) {
    String url = rules.normalize(raw);
    if (url == null || seen.contains(url)) {
      // Nothing below acts on a URL this run has already seen (every event and the enqueue are
      // guarded by seen.add), and most links of most pages are seen ones: skip the host parsing,
      // guard and scope checks for them.
      return;
    }
    if (blockedLiteral(url)) {
      return; // a private IP literal: reported even when out of scope, it is worth knowing
    }
    UrlRules.Verdict verdict = rules.check(url);
    switch (verdict) {
      case INVALID, OUT_OF_SCOPE -> {
        return; // ordinary: most links of most pages
      }
      case TOO_LONG, REPEATED_PATH -> {
        if (seen.add(url)) {
          String cause = verdict == UrlRules.Verdict.TOO_LONG ? "url-too-long" : "repeated-path";
          refusals.refuse(url, "limit", cause, "URL trap: " + cause);
        }
        return;
      }
      case OK -> {}
    }
    if (seen.add(url)) {
      enqueue(url, depth, kind, parent);
    }
  }

  private boolean blockedLiteral(String url) {
    try {
      resolver.checkLiteral(UrlRules.hostOf(url));
      return false;
    } catch (BlockedAddressException e) {
      if (seen.add(url)) {
        refusals.refuse(url, "guard", "private-address", url + ": " + e.getMessage());
      }
      return true;
    }
  }

  private void enqueue(String url, int depth, Task.Kind kind, String parent) {
    seen.add(url);
    String host = UrlRules.hostOf(url);
    pending.accept(new StateStore.Enqueue(url, host, depth, kind.ordinal(), parent));
    frontier.add(new Task(url, depth, kind, 0), host, false);
  }
}
