package org.vigil.cli.commands;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vigil.cli.CliException;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Es;
import org.vigil.cli.internal.Json;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.SimilarItem;
import org.vigil.indexer.VigilIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil similar ID}: items sharing a passage with a given item. */
@Command(
    name = "similar",
    mixinStandardHelpOptions = true,
    description =
        "List flagged items like the item ID (reposts, rewrites, pages quoting it): similarity"
            + " (the share of the shorter text's fingerprint both have), cluster, URL.",
    footer = ExitCodes.HELP_FOOTER)
public final class SimilarCommand extends BaseCommand {
  @Parameters(paramLabel = "ID", description = "The item's id (as vigil search shows it).")
  String id;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "At most N items (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "One JSON object per item.")
  boolean json;

  @Override
  public Integer call() throws IndexerException {
    if (limit < 1 || limit > 1000) {
      throw CliException.badArguments("--limit must be within [1, 1000], was " + limit);
    }
    try (VigilIndex index = Es.connect(root(), err())) {
      index.spread().update();
      Optional<List<SimilarItem>> similar = index.spread().similar(id, limit);
      if (similar.isEmpty()) {
        throw CliException.usage("no flagged item with id '" + id + "' in " + index.alias());
      }
      if (json) {
        for (SimilarItem s : similar.get()) {
          Map<String, Object> o = Json.object();
          o.put("id", s.id());
          o.put("similarity", s.similarity());
          o.put("cluster", s.clusterId());
          o.put("url", s.url());
          out().println(Json.line(o));
        }
        return ExitCodes.OK;
      }
      out().printf(Locale.ROOT, "%-32s %10s %-32s %s%n", "ID", "SIMILARITY", "CLUSTER", "URL");
      for (SimilarItem s : similar.get()) {
        out()
            .printf(
                Locale.ROOT,
                "%-32s %10.2f %-32s %s%n",
                s.id(),
                s.similarity(),
                s.clusterId() == null ? "-" : s.clusterId(),
                s.url());
      }
      out().println(similar.get().size() + " item(s)");
    }
    return ExitCodes.OK;
  }
}
