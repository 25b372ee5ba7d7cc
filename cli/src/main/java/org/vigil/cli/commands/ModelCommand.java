package org.vigil.cli.commands;

import java.util.List;
import java.util.Map;
import org.vigil.classifier.ModelException;
import org.vigil.classifier.ModelRegistry;
import org.vigil.cli.ExitCodes;
import org.vigil.cli.internal.Json;
import org.vigil.cli.internal.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil model list|promote|rollback}. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = {
      "List, promote or roll back models in the model registry ($VIGIL_HOME/models).",
      "The active model is what crawl, schedule, classify and demo use by default."
    },
    footer = ExitCodes.HELP_FOOTER,
    subcommands = {
      ModelCommand.ListModels.class,
      ModelCommand.Promote.class,
      ModelCommand.Rollback.class
    })
public final class ModelCommand extends BaseCommand implements WithoutElasticsearch {
  @Override
  public Integer call() {
    spec.commandLine().usage(out());
    return ExitCodes.USAGE;
  }

  /** {@code vigil model list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List registered models, oldest first; * marks the active one.",
      footer = ExitCodes.HELP_FOOTER)
  public static final class ListModels extends BaseCommand implements WithoutElasticsearch {
    @Option(
        names = "--json",
        description =
            "One JSON object per registered model: id, registered, active, macro_f1 (null when"
                + " unknown); nothing when none is registered.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      ModelRegistry registry = Models.registry(root().home());
      List<ModelRegistry.Entry> entries = registry.list();
      if (json) {
        for (ModelRegistry.Entry e : entries) {
          Map<String, Object> m = Json.object();
          m.put("id", e.id());
          m.put("registered", Json.time(e.registered()));
          m.put("active", e.active());
          String f1 = macroF1(e.metricsJson());
          m.put("macro_f1", f1.equals("-") ? null : Double.valueOf(f1));
          out().println(Json.line(m));
        }
        return ExitCodes.OK;
      }
      if (entries.isEmpty()) {
        out()
            .println(
                "no registered models; the default model is used (" + registry.directory() + ")");
        return ExitCodes.OK;
      }
      out().printf("  %-40s %-24s %8s%n", "ID", "REGISTERED", "MACRO-F1");
      for (ModelRegistry.Entry e : entries) {
        out()
            .printf(
                "%s %-40s %-24s %8s%n",
                e.active() ? "*" : " ", e.id(), e.registered(), macroF1(e.metricsJson()));
      }
      if (entries.stream().noneMatch(ModelRegistry.Entry::active)) {
        out().println("  (none active: the packaged default model is used)");
      }
      return ExitCodes.OK;
    }

    private static String macroF1(String metricsJson) {
      try {
        var node = Json.mapper().readTree(metricsJson);
        var f1 = node == null ? null : node.findValue("macro_f1");
        if (f1 == null) {
          f1 = node == null ? null : node.findValue("macroF1");
        }
        return f1 == null ? "-" : String.format(java.util.Locale.ROOT, "%.3f", f1.asDouble());
      } catch (Exception e) {
        return "-";
      }
    }
  }

  /** {@code vigil model promote ID}. */
  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = "Make a registered model the active one.",
      footer = ExitCodes.HELP_FOOTER)
  public static final class Promote extends BaseCommand implements WithoutElasticsearch {
    @Parameters(paramLabel = "ID", description = "The model id (see vigil model list).")
    String id;

    @Override
    public Integer call() {
      try {
        Models.registry(root().home()).promote(id);
      } catch (ModelException e) {
        throw org.vigil.cli.CliException.usage(e.getMessage());
      }
      out().println("active model: " + id);
      return ExitCodes.OK;
    }
  }

  /** {@code vigil model rollback}. */
  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description =
          "Re-activate the previously active model (the packaged default model when none was"
              + " promoted before).",
      footer = ExitCodes.HELP_FOOTER)
  public static final class Rollback extends BaseCommand implements WithoutElasticsearch {
    @Override
    public Integer call() {
      try {
        ModelRegistry registry = Models.registry(root().home());
        String id = registry.rollback();
        boolean packaged = registry.active().isEmpty();
        out().println("active model: " + id + (packaged ? " (the packaged default)" : ""));
      } catch (ModelException e) {
        throw org.vigil.cli.CliException.usage(e.getMessage());
      }
      return ExitCodes.OK;
    }
  }
}
