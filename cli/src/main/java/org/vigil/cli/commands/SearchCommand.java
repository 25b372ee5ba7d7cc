package org.vigil.cli.commands;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Es;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.SearchHit;
import org.vigil.indexer.SearchQuery;
import org.vigil.indexer.VigilIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil search}. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description =
        "Search flagged items ('*' matches everything): URL, category, score, first seen,"
            + " evidence. Only items flagged now, unless --include-cleared. Items whose page"
            + " answered 404/410 at a re-crawl are marked [gone <date>] (JSON: gone_at).",
    footer = ExitCodes.HELP_FOOTER)
public final class SearchCommand extends BaseCommand {

  @Parameters(
      arity = "0..1",
      paramLabel = "QUERY",
      defaultValue = "*",
      description = "Query string (default: *, every item).")
  String query;

  @Option(names = "--since", paramLabel = "PERIOD", description = "Last seen within, e.g. 7d, 12h.")
  String since;

  @Option(names = "--category", paramLabel = "C", description = "Only this category.")
  String category;

  @Option(names = "--min-score", paramLabel = "S", description = "Only items scoring at least S.")
  Double minScore;

  @Option(names = "--domain", paramLabel = "D", description = "Only items of this domain.")
  String domain;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "At most N items (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--include-cleared",
      description =
          "Also items a later crawl found no longer flagged (marked [cleared <date>] in the"
              + " evidence column, \"flagged\": false in JSON).")
  boolean includeCleared;

  @Option(names = "--json", description = "One JSON object per item.")
  boolean json;

  @Override
  public Integer call() throws IndexerException {
    SearchQuery q;
    try {
      q = SearchQuery.of(query).withCategory(category).withMinScore(minScore).withDomain(domain);
      q = q.withLimit(limit).withIncludeCleared(includeCleared);
      if (since != null) {
        q = q.withSince(since);
      }
    } catch (IllegalArgumentException e) {
      throw CliException.badArguments(e.getMessage());
    }
    try (VigilIndex index = Es.connect(root(), err())) {
      List<SearchHit> hits = index.search(q);
      print(out(), hits, json);
      if (!json) {
        out().println(hits.size() + " item(s)");
      }
    }
    return ExitCodes.OK;
  }

  /** Prints hits as a table or JSON lines. */
  static void print(PrintWriter out, List<SearchHit> hits, boolean json) {
    if (json) {
      hits.forEach(h -> out.println(h.toJson()));
      return;
    }
    out.printf(
        "%-32s %-60s %-12s %5s %-10s %s%n",
        "ID", "URL", "CATEGORY", "SCORE", "FIRST SEEN", "EVIDENCE");
    for (SearchHit h : hits) {
      out.printf(
          Locale.ROOT,
          "%-32s %-60s %-12s %5.2f %-10s %s%n",
          h.id(),
          h.url(),
          h.category(),
          h.score(),
          h.firstSeen() == null ? "-" : h.firstSeen().toString().substring(0, 10),
          goneNote(h) + (h.flagged() ? snippet(h.topEvidence(), 80) : clearedNote(h)));
    }
  }

  /** {@code [gone <date>] } for a page a re-crawl found answering 404/410, else empty. */
  private static String goneNote(SearchHit h) {
    return h.goneAt() == null ? "" : "[gone " + h.goneAt().toString().substring(0, 10) + "] ";
  }

  private static String clearedNote(SearchHit h) {
    String when = h.clearedAt() == null ? "" : " " + h.clearedAt().toString().substring(0, 10);
    return "[cleared" + when + "] " + snippet(h.topEvidence(), 60);
  }

  static String snippet(String text, int max) {
    if (text == null) {
      return "";
    }
    String s = text.replaceAll("\\s+", " ").strip();
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
