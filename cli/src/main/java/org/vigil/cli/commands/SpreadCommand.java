package org.vigil.cli.commands;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Es;
import org.vigil.cli.internal.Json;
import org.vigil.indexer.Appearance;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.SearchQuery;
import org.vigil.indexer.SpreadCluster;
import org.vigil.indexer.SpreadQuery;
import org.vigil.indexer.SpreadTracker;
import org.vigil.indexer.VigilIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil spread}: how flagged content spreads across hosts and time. */
@Command(
    name = "spread",
    mixinStandardHelpOptions = true,
    description = {
      "List the fastest-spreading clusters of near-duplicate flagged content (reposts, light"
          + " rewrites, quotes inside longer pages, verbatim copies): first appearance, hosts,"
          + " items, growth (new appearances per day over --since, with a sparkline), a"
          + " representative snippet and its evidence.",
      "With CLUSTER_ID: every appearance of that cluster in time order (host, URL, first and last"
          + " seen, gone).",
      "Clusters what arrived since the last update first (crawls do that too)."
    },
    footer = ExitCodes.HELP_FOOTER)
public final class SpreadCommand extends BaseCommand {
  private static final String BARS = "▁▂▃▄▅▆▇█";

  @Parameters(paramLabel = "CLUSTER_ID", arity = "0..1", description = "Show this cluster.")
  String clusterId;

  @Option(
      names = "--since",
      paramLabel = "PERIOD",
      defaultValue = "7d",
      description = "Clusters seen within, growth measured over (default: ${DEFAULT-VALUE}).")
  String since;

  @Option(
      names = "--min-hosts",
      paramLabel = "N",
      defaultValue = "1",
      description = "Only clusters on at least N hosts (default: ${DEFAULT-VALUE}).")
  int minHosts;

  @Option(names = "--category", paramLabel = "C", description = "Only clusters of this category.")
  String category;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "At most N clusters (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "One JSON object per cluster (or appearance).")
  boolean json;

  @Override
  public Integer call() throws IndexerException {
    SpreadQuery query;
    try {
      query = new SpreadQuery(SearchQuery.parsePeriod(since), minHosts, category, limit);
    } catch (IllegalArgumentException e) {
      throw CliException.badArguments(e.getMessage());
    }
    Instant now = root().clock().instant();
    try (VigilIndex index = Es.connect(root(), err())) {
      SpreadTracker spread = index.spread();
      spread.update();
      if (clusterId != null) {
        return showCluster(spread, now);
      }
      List<SpreadCluster> clusters = spread.clusters(query, now);
      if (json) {
        clusters.forEach(c -> out().println(Json.line(clusterJson(c, query.since(), now))));
      } else {
        printClusters(out(), clusters, query.since(), now);
        out().println(clusters.size() + " cluster(s)");
      }
    }
    return ExitCodes.OK;
  }

  private int showCluster(SpreadTracker spread, Instant now) throws IndexerException {
    Optional<SpreadCluster> cluster = spread.cluster(clusterId);
    if (cluster.isEmpty()) {
      throw CliException.usage("no spread cluster with id '" + clusterId + "'");
    }
    List<Appearance> appearances = spread.appearances(clusterId);
    if (json) {
      for (Appearance a : appearances) {
        Map<String, Object> o = Json.object();
        o.put("cluster", clusterId);
        o.put("id", a.id());
        o.put("host", a.host());
        o.put("url", a.url());
        o.put("appeared_at", Json.time(a.appearedAt()));
        o.put("first_seen", Json.time(a.firstSeen()));
        o.put("last_seen", Json.time(a.lastSeen()));
        o.put("gone_at", Json.time(a.goneAt()));
        o.put("copy_of", a.copyOf());
        out().println(Json.line(o));
      }
      return ExitCodes.OK;
    }
    SpreadCluster c = cluster.get();
    PrintWriter out = out();
    out.printf(
        Locale.ROOT,
        "cluster %s  %s  %d host(s), %d item(s) (%d verbatim cop%s), %d gone%n",
        c.id(),
        c.category(),
        c.hosts(),
        c.items(),
        c.copies(),
        c.copies() == 1 ? "y" : "ies",
        c.gone());
    out.println("first: " + day(c.firstSeen()) + " " + c.firstUrl());
    out.println("text:  " + SearchCommand.snippet(c.snippet(), 160));
    out.printf(
        Locale.ROOT,
        "%-16s %-24s %-10s %-10s %-10s %-5s %s%n",
        "APPEARED",
        "HOST",
        "FIRST SEEN",
        "LAST SEEN",
        "GONE",
        "KIND",
        "URL");
    for (Appearance a : appearances) {
      out.printf(
          Locale.ROOT,
          "%-16s %-24s %-10s %-10s %-10s %-5s %s%n",
          minute(a.appearedAt()),
          a.host(),
          day(a.firstSeen()),
          day(a.lastSeen()),
          a.goneAt() == null ? "-" : day(a.goneAt()),
          a.copy() ? "copy" : "item",
          a.url());
    }
    out.println(appearances.size() + " appearance(s)");
    return ExitCodes.OK;
  }

  static void printClusters(
      PrintWriter out, List<SpreadCluster> clusters, Duration since, Instant now) {
    out.printf(
        Locale.ROOT,
        "%-32s %-16s %-24s %5s %5s %4s %7s %-14s %s%n",
        "CLUSTER",
        "FIRST SEEN",
        "FIRST HOST",
        "HOSTS",
        "ITEMS",
        "GONE",
        "PER DAY",
        "TREND",
        "CATEGORY");
    for (SpreadCluster c : clusters) {
      out.printf(
          Locale.ROOT,
          "%-32s %-16s %-24s %5d %5d %4d %7.2f %-14s %s%n",
          c.id(),
          minute(c.firstSeen()),
          c.firstHost(),
          c.hosts(),
          c.items(),
          c.gone(),
          c.growthPerDay(since, now),
          sparkline(c, since, now),
          c.category());
      out.println("    first: " + c.firstUrl());
      out.println("    text:  " + SearchCommand.snippet(c.snippet(), 100));
      if (!c.evidence().isBlank()) {
        out.println("    evidence: " + SearchCommand.snippet(c.evidence(), 100));
      }
    }
  }

  private static Map<String, Object> clusterJson(SpreadCluster c, Duration since, Instant now) {
    Map<String, Object> o = Json.object();
    o.put("id", c.id());
    o.put("category", c.category());
    o.put("first_seen", Json.time(c.firstSeen()));
    o.put("first_url", c.firstUrl());
    o.put("first_host", c.firstHost());
    o.put("last_seen", Json.time(c.lastSeen()));
    o.put("hosts", c.hosts());
    o.put("items", c.items());
    o.put("copies", c.copies());
    o.put("gone", c.gone());
    o.put("growth_per_day", c.growthPerDay(since, now));
    Map<String, Object> daily = Json.object();
    c.daily().forEach((day, n) -> daily.put(day.toString(), n));
    o.put("daily", daily);
    o.put("snippet", c.snippet());
    o.put("evidence", c.evidence());
    return o;
  }

  /**
   * New appearances per day over the period as block characters, one per day (up to 28; longer
   * periods are summed into 28 buckets), scaled to the busiest.
   */
  static String sparkline(SpreadCluster c, Duration since, Instant now) {
    int days = (int) Math.max(1, since.toDays());
    int width = Math.min(days, 28);
    int[] buckets = new int[width];
    LocalDate last = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate first = last.minusDays(days - 1);
    c.daily()
        .forEach(
            (day, n) -> {
              if (!day.isBefore(first) && !day.isAfter(last)) {
                long offset = day.toEpochDay() - first.toEpochDay();
                buckets[(int) (offset * width / days)] += n;
              }
            });
    int max = 0;
    for (int b : buckets) {
      max = Math.max(max, b);
    }
    StringBuilder s = new StringBuilder();
    for (int b : buckets) {
      s.append(b == 0 ? ' ' : BARS.charAt(Math.max(0, (b * BARS.length() - 1) / max)));
    }
    return s.toString();
  }

  private static String day(Instant t) {
    return t == null ? "-" : t.toString().substring(0, 10);
  }

  private static String minute(Instant t) {
    return t == null ? "-" : t.toString().substring(0, 16).replace('T', ' ');
  }
}
