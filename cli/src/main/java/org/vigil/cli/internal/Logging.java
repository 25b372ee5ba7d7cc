package org.vigil.cli.internal;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Chooses the log format (text or JSON) by reconfiguring Logback from {@code logback.xml}. */
public final class Logging {
  private static final String PROPERTY = "vigil.log.format";

  private Logging() {}

  /**
   * Applies {@code VIGIL_LOG_FORMAT} when set to {@code json} or {@code text}, before the command
   * line is parsed (so that parsing logs in that format too); an invalid value is rejected when the
   * command runs.
   */
  public static void configureFromEnvironment() {
    String format = System.getenv("VIGIL_LOG_FORMAT");
    if (format != null && isFormat(format)) {
      configure(format);
    }
  }

  /** Whether {@code format} is a log format: {@code text} or {@code json}. */
  public static boolean isFormat(String format) {
    return format.equals("text") || format.equals("json");
  }

  /** Switches the stderr log format to {@code text} or {@code json}. */
  public static void configure(String format) {
    if (format.equals(System.getProperty(PROPERTY))) {
      return;
    }
    System.setProperty(PROPERTY, format);
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      context.reset();
      try {
        new ContextInitializer(context).autoConfig();
      } catch (JoranException e) {
        throw new IllegalStateException("cannot reconfigure logging: " + e.getMessage(), e);
      }
    }
  }

  /** The current format, {@code text} or {@code json}. */
  public static String format() {
    return System.getProperty(PROPERTY, "text");
  }
}
