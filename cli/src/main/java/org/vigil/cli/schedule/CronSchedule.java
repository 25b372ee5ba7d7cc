package org.vigil.cli.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A UNIX cron expression ({@code minute hour day-of-month month day-of-week}) or one of crontab's
 * macros ({@code @hourly}, {@code @daily}, ...), in a time zone.
 */
public final class CronSchedule {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** crontab(5)'s macros and the expressions they stand for (cron-utils' UNIX parser has none). */
  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private final String expression;
  private final ExecutionTime executionTime;
  private final ZoneId zone;

  private CronSchedule(String expression, ExecutionTime executionTime, ZoneId zone) {
    this.expression = expression;
    this.executionTime = executionTime;
    this.zone = zone;
  }

  /**
   * Parses {@code expression}.
   *
   * @throws IllegalArgumentException with a one-line reason when it is not a valid UNIX cron
   */
  public static CronSchedule parse(String expression, ZoneId zone) {
    String trimmed = expression.trim();
    if (trimmed.startsWith("@") && !MACROS.containsKey(trimmed)) {
      throw new IllegalArgumentException(
          "unknown macro '"
              + trimmed
              + "' (one of "
              + String.join(", ", new TreeSet<>(MACROS.keySet()))
              + ")");
    }
    try {
      String cron = MACROS.getOrDefault(trimmed, trimmed);
      return new CronSchedule(
          expression, ExecutionTime.forCron(PARSER.parse(cron).validate()), zone);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "invalid cron expression '" + expression + "': " + e.getMessage(), e);
    }
  }

  /** The first time strictly after {@code after} when this schedule is due, if any. */
  public Optional<Instant> nextAfter(Instant after) {
    return executionTime
        .nextExecution(ZonedDateTime.ofInstant(after, zone))
        .map(z -> z.toInstant());
  }

  public String expression() {
    return expression;
  }

  /** The time zone the expression is read in. */
  public ZoneId zone() {
    return zone;
  }

  @Override
  public String toString() {
    return expression;
  }
}
