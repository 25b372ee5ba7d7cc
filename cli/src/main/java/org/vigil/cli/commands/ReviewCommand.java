package org.vigil.cli.commands;

import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Es;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.VigilIndex;
import org.vigil.model.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil review}. */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description = {
      "Record an analyst verdict on a flagged item, or list unreviewed items (--queue).",
      "A verdict is stored under vigil.review.* with who and when; the queue lists unreviewed"
          + " flagged items, highest score first.",
      "Reviewed false positives become negative examples in `vigil train --from-reviews`."
    },
    footer = ExitCodes.HELP_FOOTER)
public final class ReviewCommand extends BaseCommand {

  @Parameters(arity = "0..1", paramLabel = "ID", description = "The item id (see vigil search).")
  String id;

  @Option(
      names = "--verdict",
      paramLabel = "VERDICT",
      description = "confirmed, false_positive or unsure.")
  String verdict;

  @Option(names = "--note", paramLabel = "TEXT", description = "A note for other analysts.")
  String note;

  @Option(
      names = "--reviewer",
      paramLabel = "NAME",
      description = "Who reviews (default: $VIGIL_REVIEWER, else $USER).")
  String reviewer;

  @Option(names = "--queue", description = "List unreviewed items, highest score first.")
  boolean queue;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "With --queue: at most N items (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "With --queue: one JSON object per item.")
  boolean json;

  @Override
  public Integer call() throws IndexerException {
    if (queue) {
      if (id != null || verdict != null) {
        throw CliException.badArguments("--queue takes no ID or --verdict");
      }
      if (limit < 1 || limit > 10_000) {
        throw CliException.badArguments("--limit must be within [1, 10000], was " + limit);
      }
      try (VigilIndex index = Es.connect(root(), err())) {
        var hits = index.reviewQueue(limit);
        SearchCommand.print(out(), hits, json);
        if (!json) {
          out().println(hits.size() + " unreviewed item(s)");
        }
      }
      return ExitCodes.OK;
    }
    if (id == null || verdict == null) {
      throw CliException.badArguments(
          "give ID and --verdict confirmed|false_positive|unsure, or --queue");
    }
    Verdict v;
    try {
      v = Verdict.fromWireName(verdict);
    } catch (IllegalArgumentException e) {
      throw CliException.badArguments(e.getMessage());
    }
    String who = reviewer();
    try (VigilIndex index = Es.connect(root(), err())) {
      index.review(id, v, note, who);
    } catch (IndexerException e) {
      if (e.getMessage().startsWith("no flagged item")) {
        throw CliException.usage(e.getMessage());
      }
      throw e;
    }
    out().println("reviewed " + id + ": " + v.wireName() + " by " + who);
    return ExitCodes.OK;
  }

  private String reviewer() {
    for (String candidate :
        new String[] {reviewer, root().env().get("VIGIL_REVIEWER"), root().env().get("USER")}) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate.strip();
      }
    }
    return "analyst";
  }
}
