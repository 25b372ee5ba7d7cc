package org.vigil.cli.internal;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.vigil.cli.schedule.CronSchedule;
import org.vigil.crawler.ConfigError;
import org.vigil.crawler.ConfigException;
import org.vigil.crawler.SourcesConfig;

/**
 * Loads {@code sources.yml} with the crawler's validation plus the check only the cli can make:
 * what a {@code schedule} means (the scheduler parses cron expressions). Both happen in the one
 * parse of the file, so a cron error is reported with every other error, at its line.
 */
public final class Configs {
  private Configs() {}

  /** Every problem of the file, in file order (cron expressions included). */
  public static List<ConfigError> validate(Path file) {
    return SourcesConfig.validate(file, Configs::cronProblem);
  }

  /**
   * Loads and validates the file.
   *
   * @throws ConfigException naming file:line: field for the first problem
   */
  public static SourcesConfig load(Path file) throws ConfigException {
    return SourcesConfig.load(file, Configs::cronProblem);
  }

  /** Why {@code schedule} is not a valid cron expression or macro, or {@code null}. */
  private static String cronProblem(String schedule) {
    try {
      CronSchedule.parse(schedule, ZoneOffset.UTC); // validity does not depend on the zone
      return null;
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      return message == null ? "invalid" : message.replaceAll("\\s*\\R\\s*", " ");
    }
  }
}
