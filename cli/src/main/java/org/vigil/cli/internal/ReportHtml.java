package org.vigil.cli.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.vigil.indexer.Overview;
import org.vigil.indexer.SearchHit;
import org.vigil.indexer.SpreadCluster;

/**
 * The analyst report as one self-contained HTML page: inline CSS and SVG only, no script and no
 * resource loaded at view time (item URLs are plain links). Figures carry {@code data-*} attributes
 * so a test can read them back from the rendered page.
 */
public final class ReportHtml {
  private static final String[] PALETTE = {
    "#c0392b", "#2980b9", "#8e44ad", "#16a085", "#d35400", "#2c3e50", "#7f8c8d", "#27ae60"
  };
  private static final String CSS =
      "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}"
          + "h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}"
          + "table{border-collapse:collapse;width:100%}td,th{padding:4px 8px;text-align:left;"
          + "border-bottom:1px solid #eee;vertical-align:top}th{background:#f6f6f6}"
          + ".num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#777}"
          + ".figure{font-size:28px;font-weight:600}.legend span{margin-right:14px}"
          + ".swatch{display:inline-block;width:10px;height:10px;margin-right:4px}"
          + "blockquote{margin:4px 0 4px 12px;padding-left:8px;border-left:3px solid #c0392b}"
          + ".item{border-bottom:1px solid #eee;padding:6px 0}.url{word-break:break-all}";

  private ReportHtml() {}

  /** The page for a period ending {@code now}. */
  public static String render(
      Overview overview,
      List<SpreadCluster> clusters,
      List<SearchHit> items,
      Duration since,
      Instant now) {
    long days = Math.max(1, since.toDays());
    LocalDate last = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate first = last.minusDays(days - 1);
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Vigil report</title><style>")
        .append(CSS)
        .append("</style></head><body>");
    h.append("<h1>Vigil report</h1><p class=\"muted\">")
        .append(esc(first + " to " + last + " (" + days + " days), generated " + now))
        .append("</p>");
    h.append("<p>Flagged items seen in the period: <span id=\"flagged-total\" class=\"figure\"")
        .append(" data-value=\"")
        .append(overview.flagged())
        .append("\">")
        .append(overview.flagged())
        .append("</span></p>");
    dailyChart(h, overview, first, last);
    clusterTable(h, clusters, since, now, first, last);
    countTable(h, "domains", "Top domains", "Domain", overview.topDomains());
    countTable(h, "review", "Review status", "Status", overview.reviewStatus());
    if (!overview.verdicts().isEmpty()) {
      countTable(h, "verdicts", "Verdicts", "Verdict", overview.verdicts());
    }
    itemList(h, items);
    return h.append("</body></html>").toString();
  }

  private static void dailyChart(StringBuilder h, Overview o, LocalDate first, LocalDate last) {
    h.append("<h2>Flagged items over time, by category</h2>");
    TreeSet<String> categories = new TreeSet<>();
    o.dailyByCategory().values().forEach(m -> categories.addAll(m.keySet()));
    List<String> cats = new ArrayList<>(categories);
    int days = (int) (last.toEpochDay() - first.toEpochDay() + 1);
    long max = 1;
    for (Map<String, Long> m : o.dailyByCategory().values()) {
      max = Math.max(max, m.values().stream().mapToLong(Long::longValue).sum());
    }
    int width = 900;
    int height = 180;
    double bar = (double) width / days;
    h.append("<svg id=\"chart-daily\" width=\"")
        .append(width + 40)
        .append("\" height=\"")
        .append(height + 30)
        .append("\" role=\"img\" aria-label=\"flagged items per day\">");
    h.append("<text x=\"0\" y=\"12\" font-size=\"11\">").append(max).append("</text>");
    for (Map.Entry<LocalDate, Map<String, Long>> e : o.dailyByCategory().entrySet()) {
      LocalDate day = e.getKey();
      if (day.isBefore(first) || day.isAfter(last)) {
        continue;
      }
      double x = 30 + (day.toEpochDay() - first.toEpochDay()) * bar;
      double y = height;
      for (String cat : cats) {
        long n = e.getValue().getOrDefault(cat, 0L);
        if (n == 0) {
          continue;
        }
        double bh = (double) n * (height - 20) / max;
        y -= bh;
        h.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\""
                    + " data-day=\"%s\" data-category=\"%s\" data-count=\"%d\"><title>%s %s: %d"
                    + "</title></rect>",
                x,
                y,
                Math.max(1, bar - 2),
                bh,
                color(cats.indexOf(cat)),
                day,
                esc(cat),
                n,
                day,
                esc(cat),
                n));
      }
    }
    h.append(
        String.format(
            Locale.ROOT,
            "<text x=\"30\" y=\"%d\" font-size=\"11\">%s</text><text x=\"%d\" y=\"%d\""
                + " font-size=\"11\" text-anchor=\"end\">%s</text>",
            height + 16,
            first,
            width + 30,
            height + 16,
            last));
    h.append("</svg><div class=\"legend\">");
    for (int i = 0; i < cats.size(); i++) {
      h.append("<span><i class=\"swatch\" style=\"background:")
          .append(color(i))
          .append("\"></i>")
          .append(esc(cats.get(i)))
          .append("</span>");
    }
    h.append("</div>");
  }

  private static void clusterTable(
      StringBuilder h,
      List<SpreadCluster> clusters,
      Duration since,
      Instant now,
      LocalDate first,
      LocalDate last) {
    h.append("<h2>Top spreading clusters</h2>");
    if (clusters.isEmpty()) {
      h.append("<p class=\"muted\">No cluster seen in the period.</p>");
      return;
    }
    h.append("<table id=\"clusters\"><tr><th>Cluster</th><th>First appearance</th>")
        .append("<th class=\"num\">Hosts</th><th class=\"num\">Items</th>")
        .append("<th class=\"num\">Gone</th><th class=\"num\">Per day</th>")
        .append("<th>Timeline</th><th>Text and evidence</th></tr>");
    for (SpreadCluster c : clusters) {
      h.append("<tr class=\"cluster\" data-cluster=\"")
          .append(esc(c.id()))
          .append("\" data-hosts=\"")
          .append(c.hosts())
          .append("\" data-items=\"")
          .append(c.items())
          .append("\" data-first-url=\"")
          .append(esc(String.valueOf(c.firstUrl())))
          .append("\"><td><code>")
          .append(esc(c.id().substring(0, Math.min(12, c.id().length()))))
          .append("</code><br><span class=\"muted\">")
          .append(esc(c.category()))
          .append("</span></td><td>")
          .append(esc(String.valueOf(c.firstSeen())))
          .append("<br><b>")
          .append(esc(String.valueOf(c.firstHost())))
          .append("</b><br>")
          .append("<a class=\"url\" href=\"")
          .append(esc(String.valueOf(c.firstUrl())))
          .append("\">")
          .append(esc(String.valueOf(c.firstUrl())))
          .append("</a></td>")
          .append("<td class=\"num\">")
          .append(c.hosts())
          .append("</td><td class=\"num\">")
          .append(c.items())
          .append("</td><td class=\"num\">")
          .append(c.gone())
          .append("</td><td class=\"num\">")
          .append(String.format(Locale.ROOT, "%.2f", c.growthPerDay(since, now)))
          .append("</td><td>");
      timeline(h, c, first, last);
      h.append("</td><td>").append(esc(snippet(c.snippet(), 200)));
      if (!c.evidence().isBlank()) {
        h.append("<blockquote>").append(esc(c.evidence())).append("</blockquote>");
      }
      h.append("</td></tr>");
    }
    h.append("</table>");
  }

  /** New appearances per day of one cluster as a small bar chart over the period. */
  private static void timeline(StringBuilder h, SpreadCluster c, LocalDate first, LocalDate last) {
    int days = (int) (last.toEpochDay() - first.toEpochDay() + 1);
    int width = 160;
    int height = 32;
    int max = 1;
    for (int n : c.daily().values()) {
      max = Math.max(max, n);
    }
    h.append("<svg class=\"timeline\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\"><rect width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" fill=\"#fafafa\"></rect>");
    double bar = (double) width / days;
    for (Map.Entry<LocalDate, Integer> e : c.daily().entrySet()) {
      if (e.getKey().isBefore(first) || e.getKey().isAfter(last)) {
        continue;
      }
      double bh = (double) e.getValue() * (height - 2) / max;
      h.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c0392b\""
                  + " data-day=\"%s\" data-count=\"%d\"><title>%s: %d</title></rect>",
              (e.getKey().toEpochDay() - first.toEpochDay()) * bar,
              height - bh,
              Math.max(1, bar - 1),
              bh,
              e.getKey(),
              e.getValue(),
              e.getKey(),
              e.getValue()));
    }
    h.append("</svg>");
  }

  private static void countTable(
      StringBuilder h, String id, String title, String column, List<Overview.Count> counts) {
    h.append("<h2>")
        .append(esc(title))
        .append("</h2><table id=\"")
        .append(id)
        .append("\"><tr><th>")
        .append(esc(column))
        .append("</th><th class=\"num\">Items</th>")
        .append("<th></th></tr>");
    long max = counts.stream().mapToLong(Overview.Count::count).max().orElse(1);
    for (Overview.Count c : counts) {
      h.append("<tr data-key=\"")
          .append(esc(c.key()))
          .append("\" data-count=\"")
          .append(c.count())
          .append("\"><td>")
          .append(esc(c.key()))
          .append("</td><td class=\"num\">")
          .append(c.count())
          .append("</td><td><svg width=\"300\" height=\"12\"><rect height=\"12\" width=\"")
          .append(Math.max(1, 300 * c.count() / max))
          .append("\" fill=\"#2980b9\"></rect></svg></td></tr>");
    }
    h.append("</table>");
  }

  private static void itemList(StringBuilder h, List<SearchHit> items) {
    h.append("<h2>Flagged items and their evidence</h2><section id=\"items\">");
    for (SearchHit i : items) {
      h.append("<div class=\"item\" data-id=\"")
          .append(esc(i.id()))
          .append("\"><a class=\"url\"")
          .append(" href=\"")
          .append(esc(i.url()))
          .append("\">")
          .append(esc(i.url()))
          .append("</a> <span class=\"muted\">")
          .append(esc(i.category()))
          .append(String.format(Locale.ROOT, " %.2f", i.score()))
          .append(" · ")
          .append(esc(i.reviewStatus() == null ? "" : i.reviewStatus()))
          .append(i.verdict() == null ? "" : " (" + esc(i.verdict()) + ")")
          .append(i.goneAt() == null ? "" : " · gone " + esc(i.goneAt().toString()))
          .append("</span><blockquote>")
          .append(esc(i.topEvidence()))
          .append("</blockquote>")
          .append("</div>");
    }
    h.append("</section>");
  }

  private static String color(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  private static String snippet(String text, int max) {
    String s = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** HTML-escapes text for element content and double-quoted attributes. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
