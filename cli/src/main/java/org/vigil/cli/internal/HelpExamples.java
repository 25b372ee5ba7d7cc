package org.vigil.cli.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code Examples:} block of every command's help, from {@code examples.txt} (one section per
 * command, {@code [vigil model promote]}), in one place so that they are easy to keep current.
 */
public final class HelpExamples {
  private static final Map<String, List<String>> EXAMPLES = load();

  private HelpExamples() {}

  /** The examples of the command named {@code qualifiedName} (e.g. {@code vigil crawl}). */
  public static List<String> of(String qualifiedName) {
    return EXAMPLES.getOrDefault(qualifiedName, List.of());
  }

  /** Puts each command's examples in front of its footer, in {@code cli} and every subcommand. */
  public static void addTo(CommandLine cli) {
    CommandLine.Model.UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
    List<String> examples = of(cli.getCommandSpec().qualifiedName());
    if (!examples.isEmpty()) {
      List<String> footer = new ArrayList<>();
      footer.add("%nExamples:");
      // %% because footer lines are format strings (%n)
      examples.forEach(e -> footer.add("  " + e.replace("%", "%%")));
      footer.addAll(List.of(usage.footer()));
      usage.footer(footer.toArray(String[]::new));
    }
    cli.getSubcommands().values().forEach(HelpExamples::addTo);
  }

  private static Map<String, List<String>> load() {
    Map<String, List<String>> examples = new HashMap<>();
    try (InputStream in = HelpExamples.class.getResourceAsStream("/org/vigil/cli/examples.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> current = null;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (line.startsWith("[") && line.endsWith("]")) {
          current =
              examples.computeIfAbsent(
                  line.substring(1, line.length() - 1), k -> new ArrayList<>());
        } else if (current != null) {
          current.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read examples.txt", e);
    }
    return examples;
  }
}
