package org.vigil.cli.commands;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Es;
import org.vigil.cli.internal.Json;
import org.vigil.cli.schedule.StateFile;
import org.vigil.indexer.EsSettings;
import org.vigil.indexer.IndexerException;
import org.vigil.indexer.Spool;
import org.vigil.indexer.UnsupportedServerException;
import org.vigil.indexer.VigilIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

  @Option(
      names = "--json",
      description =
          "One JSON object: scheduler (state, pid, alive, updated, config, sources[] with id,"
              + " schedule, timezone, next_due (UTC), running, progress (fetched, queued, failed"
              + " of a running crawl), last_started, last_finished, last_outcome; null"
              + " when never started), spool_items, elasticsearch.")
  boolean json;

  @Override
  public Integer call() {
    StateFile stateFile = new StateFile(root().home().resolve("scheduler.json"));
    Optional<JsonNode> state = stateFile.read();
    if (json) {
      Map<String, Object> m = Json.object();
      m.put("scheduler", state.map(StatusCommand::schedulerJson).orElse(null));
      m.put("spool_items", Spool.size(Es.spoolDir(root())));
      m.put("elasticsearch", esHealth());
      out().println(Json.line(m));
      return unsupported ? ExitCodes.USAGE : ExitCodes.OK;
    }
    if (state.isEmpty()) {
      out().println("scheduler: never started (" + stateFile.path() + ")");
    } else {
      JsonNode s = state.get();
      long pid = s.path("pid").asLong();
      boolean alive = alive(s);
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
              "  %-24s %-16s %-20s %-26s %-20s %s%n",
              "SOURCE", "SCHEDULE", "TIME ZONE", "NEXT DUE", "RUNNING", "LAST");
      for (JsonNode src : s.path("sources")) {
        out()
            .printf(
                "  %-24s %-16s %-20s %-26s %-20s %s%n",
                src.path("id").asText(),
                src.path("schedule").isNull() ? "-" : src.path("schedule").asText(),
                src.path("timezone").asText("-"),
                nextDue(src),
                alive && src.path("running").asBoolean() ? running(src) : "no",
                src.path("last_finished").isNull()
                    ? "-"
                    : src.path("last_finished").asText() + " " + src.path("last_outcome").asText());
      }
    }
    out().println("spool: " + Spool.size(Es.spoolDir(root())) + " item(s) waiting");
    out().println("elasticsearch: " + esHealth());
    return unsupported ? ExitCodes.USAGE : ExitCodes.OK;
  }

  /** "yes", with the crawl's pages fetched so far when the scheduler has reported them. */
  private static String running(JsonNode src) {
    JsonNode p = src.path("progress");
    return p.isObject() ? "yes (" + p.path("fetched").asLong() + " fetched)" : "yes";
  }

  /**
   * A source's next due time in the zone its schedule is read in ({@code 2026-12-08T03:00+01:00}),
   * so it reads like the cron line beside it; the JSON keeps the UTC instant.
   */
  private static String nextDue(JsonNode src) {
    if (src.path("next_due").isNull() || src.path("next_due").isMissingNode()) {
      return "-";
    }
    String due = src.path("next_due").asText();
    try {
      return java.time.Instant.parse(due)
          .atZone(java.time.ZoneId.of(src.path("timezone").asText()))
          .toOffsetDateTime()
          .toString();
    } catch (java.time.DateTimeException e) {
      return due; // a state file of an older Vigil has no time zone
    }
  }

  /** Whether the scheduler that wrote {@code state} still runs (its pid is alive). */
  private static boolean alive(JsonNode state) {
    return ProcessHandle.of(state.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * The scheduler's state file checked against the live pid: {@code alive}, and a source of a
   * scheduler that is gone is not {@code running}.
   */
  private static Map<String, Object> schedulerJson(JsonNode state) {
    boolean alive = alive(state);
    ObjectNode copy = state.deepCopy();
    copy.put("alive", alive);
    if (!alive) {
      copy.path("sources")
          .forEach(src -> ((ObjectNode) src).put("running", false).putNull("progress"));
    }
    return Json.mapper().convertValue(copy, new TypeReference<Map<String, Object>>() {});
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
