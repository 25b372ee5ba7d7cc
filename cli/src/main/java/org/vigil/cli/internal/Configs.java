package org.vigil.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.vigil.cli.schedule.CronSchedule;
import org.vigil.crawler.ConfigError;
import org.vigil.crawler.ConfigException;
import org.vigil.crawler.SourcesConfig;
import org.vigil.model.Source;

/**
 * Loads {@code sources.yml} with the crawler's validation plus the checks only the cli can make
 * (cron expressions, which the scheduler parses).
 */
public final class Configs {
  private static final Pattern SCHEDULE_KEY = Pattern.compile("^\\s*-?\\s*schedule\\s*:");

  private Configs() {}

  /** Every problem of the file, crawler's first, then invalid cron schedules. */
  public static List<ConfigError> validate(Path file) {
    List<ConfigError> errors = new ArrayList<>(SourcesConfig.validate(file));
    if (errors.isEmpty()) {
      try {
        errors.addAll(cronErrors(SourcesConfig.load(file)));
      } catch (ConfigException e) {
        errors.addAll(e.errors());
      }
    }
    return errors;
  }

  /**
   * Loads and validates the file.
   *
   * @throws ConfigException naming file:line: field for the first problem
   */
  public static SourcesConfig load(Path file) throws ConfigException {
    SourcesConfig config = SourcesConfig.load(file);
    List<ConfigError> errors = cronErrors(config);
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return config;
  }

  private static List<ConfigError> cronErrors(SourcesConfig config) {
    List<ConfigError> errors = new ArrayList<>();
    List<Integer> scheduleLines = scheduleLines(config.file());
    int scheduled = 0;
    for (int i = 0; i < config.sources().size(); i++) {
      Source source = config.sources().get(i);
      if (source.schedule() == null) {
        continue;
      }
      int line = scheduled < scheduleLines.size() ? scheduleLines.get(scheduled) : 0;
      scheduled++;
      try {
        CronSchedule.parse(source.schedule(), ZoneId.systemDefault());
      } catch (IllegalArgumentException e) {
        errors.add(
            new ConfigError(
                config.file(), line, "sources[" + i + "].schedule", oneLine(e.getMessage())));
      }
    }
    return errors;
  }

  /** Lines of the {@code schedule:} keys, in file order (to point cron errors at their line). */
  private static List<Integer> scheduleLines(Path file) {
    List<Integer> lines = new ArrayList<>();
    if (file == null) {
      return lines;
    }
    try {
      List<String> all = Files.readAllLines(file);
      for (int i = 0; i < all.size(); i++) {
        if (SCHEDULE_KEY.matcher(all.get(i)).find()) {
          lines.add(i + 1);
        }
      }
    } catch (IOException e) {
      // The crawler's validation already reported an unreadable file.
    }
    return lines;
  }

  private static String oneLine(String s) {
    return s == null ? "invalid" : s.replaceAll("\\s*\\R\\s*", " ");
  }
}
