package org.vigil.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Es;
import org.vigil.cli.schedule.StateFile;
import org.vigil.indexer.EsSettings;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.Spool;
import org.vigil.indexer.UnsupportedServerException;
import org.vigil.indexer.VigilIndex;
import picocli.CommandLine.Command;

/** {@code vigil status}. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show the scheduler's state and each source's next due time, the spool size and"
            + " Elasticsearch version and health. Never starts anything. Exit 2 when the"
            + " Elasticsearch that answers is not a supported version.",
    footer = ExitCodes.HELP_FOOTER)
public final class StatusCommand extends BaseCommand {
  /** Set when the cluster answered but is not a supported Elasticsearch (a configuration error). */
  private boolean unsupported;

  @Override
  public Integer call() {
    StateFile stateFile = new StateFile(root().home().resolve("scheduler.json"));
    Optional<JsonNode> state = stateFile.read();
    if (state.isEmpty()) {
      out().println("scheduler: never started (" + stateFile.path() + ")");
    } else {
      JsonNode s = state.get();
      long pid = s.path("pid").asLong();
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      String st = s.path("state").asText();
      out()
          .println(
              "scheduler: "
                  + (alive && !st.equals("stopped") ? st + " (pid " + pid + ")" : "not running")
                  + ", last update "
                  + s.path("updated").asText()
                  + ", config "
                  + s.path("config").asText());
      out()
          .printf(
              "  %-24s %-16s %-26s %-8s %s%n", "SOURCE", "SCHEDULE", "NEXT DUE", "RUNNING", "LAST");
      for (JsonNode src : s.path("sources")) {
        out()
            .printf(
                "  %-24s %-16s %-26s %-8s %s%n",
                src.path("id").asText(),
                src.path("schedule").isNull() ? "-" : src.path("schedule").asText(),
                src.path("next_due").isNull() ? "-" : src.path("next_due").asText(),
                alive && src.path("running").asBoolean() ? "yes" : "no",
                src.path("last_finished").isNull()
                    ? "-"
                    : src.path("last_finished").asText() + " " + src.path("last_outcome").asText());
      }
    }
    out().println("spool: " + Spool.size(Es.spoolDir(root())) + " item(s) waiting");
    out().println("elasticsearch: " + esHealth());
    return unsupported ? ExitCodes.USAGE : ExitCodes.OK;
  }

  private String esHealth() {
    String url = root().esUrl();
    if (url == null) {
      var embedded = Es.embedded(root());
      Optional<String> running = embedded.runningUrl();
      if (running.isEmpty()) {
        return "embedded " + embedded.status();
      }
      url = running.get();
    }
    java.util.Map<String, String> env = new java.util.HashMap<>(root().env());
    env.put("VIGIL_ES_URL", url);
    try (VigilIndex index = VigilIndex.connect(EsSettings.fromEnv(env), Es.prefix(root()))) {
      return index.url() + " " + index.health();
    } catch (UnsupportedServerException e) {
      unsupported = true;
      return e.getMessage();
    } catch (IndexerException | IllegalArgumentException e) {
      return "unreachable: " + e.getMessage();
    }
  }
}
