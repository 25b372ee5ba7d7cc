package org.vigil.cli.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** A UNIX cron expression ({@code minute hour day-of-month month day-of-week}), in a time zone. */
public final class CronSchedule {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

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
    try {
      return new CronSchedule(
          expression, ExecutionTime.forCron(PARSER.parse(expression.trim()).validate()), zone);
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

  @Override
  public String toString() {
    return expression;
  }
}
