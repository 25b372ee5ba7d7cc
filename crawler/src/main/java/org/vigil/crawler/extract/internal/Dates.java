package org.vigil.crawler.extract.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient parsing of the date formats found in meta tags, JSON-LD and {@code <time datetime>}: ISO
 * 8601 with or without offset/seconds/fraction, a bare date, and RFC 1123. Times without an offset
 * are taken as UTC. Returns {@code null} for anything else (never throws).
 */
public final class Dates {
  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?"
              + "\\s*(Z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2}|UTC|GMT)?)?");
  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
  private static final String MONTH =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
  private static final String TIME = "(?:,?\\s*(?:at\\s*)?(\\d{1,2}):(\\d{2})\\s*([ap]m)?)?";
  private static final Pattern MDY =
      Pattern.compile(
          MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})" + TIME, Pattern.CASE_INSENSITIVE);
  private static final Pattern DMY =
      Pattern.compile(
          "(\\d{1,2})(?:st|nd|rd|th)?\\s+" + MONTH + ",?\\s+(\\d{4})" + TIME,
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMERIC =
      Pattern.compile(
          "\\b(\\d{1,2})([-/.])(\\d{1,2})[-/.](\\d{4})"
              + "(?:,?\\s*(\\d{1,2}):(\\d{2})\\s*([AaPp][Mm])?)?");
  private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

  private Dates() {}

  /** Parses {@code text} into an instant, or returns {@code null}. */
  public static Instant parse(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    if (t.isEmpty() || t.length() > 80) {
      return null;
    }
    try {
      Matcher m = ISO.matcher(t);
      if (m.find()) {
        return iso(m);
      }
      try {
        return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        // fall through
      }
      Instant textual = textual(t);
      if (textual != null) {
        return textual;
      }
      Matcher c = COMPACT.matcher(t);
      if (t.length() == 8 && c.matches()) {
        return date(c.group(1), c.group(2), c.group(3));
      }
    } catch (RuntimeException e) {
      return null; // out-of-range fields, e.g. month 13
    }
    return null;
  }

  /** Parses epoch seconds (or milliseconds) as used in {@code data-time} attributes. */
  static Instant epoch(String v) {
    try {
      long n = Long.parseLong(v.trim());
      return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
    } catch (NumberFormatException e) {
      return parse(v);
    }
  }

  private static Instant textual(String t) {
    Matcher m = MDY.matcher(t);
    if (m.find()) {
      return dateTime(m.group(3), m.group(1), m.group(2), m.group(4), m.group(5), m.group(6));
    }
    m = DMY.matcher(t);
    if (m.find()) {
      return dateTime(m.group(3), m.group(2), m.group(1), m.group(4), m.group(5), m.group(6));
    }
    m = NUMERIC.matcher(t);
    if (m.find()) {
      return numeric(m);
    }
    return null;
  }

  /**
   * Forum-style numeric dates: day first when the first number cannot be a month or the separator
   * is a dot (European), else month first (US, the vBulletin/phpBB default).
   */
  private static Instant numeric(Matcher m) {
    int a = Integer.parseInt(m.group(1));
    int b = Integer.parseInt(m.group(3));
    boolean dayFirst = a > 12 || m.group(2).equals(".");
    int day = dayFirst ? a : b;
    int month = dayFirst ? b : a;
    int hour = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
    if (m.group(7) != null) {
      hour = hour % 12 + (m.group(7).equalsIgnoreCase("pm") ? 12 : 0);
    }
    int min = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
    return LocalDateTime.of(Integer.parseInt(m.group(4)), month, day, hour, min)
        .toInstant(ZoneOffset.UTC);
  }

  private static Instant dateTime(
      String y, String monthName, String d, String h, String min, String ampm) {
    int month =
        MONTHS.indexOf(monthName.substring(0, 3).toLowerCase(java.util.Locale.ROOT)) / 3 + 1;
    int hour = h == null ? 0 : Integer.parseInt(h);
    if (ampm != null) {
      boolean pm = ampm.equalsIgnoreCase("pm");
      hour = hour % 12 + (pm ? 12 : 0);
    }
    return LocalDateTime.of(
            Integer.parseInt(y),
            month,
            Integer.parseInt(d),
            hour,
            min == null ? 0 : Integer.parseInt(min))
        .toInstant(ZoneOffset.UTC);
  }

  private static Instant iso(Matcher m) {
    if (m.group(4) == null) {
      return date(m.group(1), m.group(2), m.group(3));
    }
    LocalDateTime ldt =
        LocalDateTime.of(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)),
            Integer.parseInt(m.group(5)),
            m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
    String zone = m.group(7);
    ZoneOffset offset = ZoneOffset.UTC;
    if (zone != null && (zone.startsWith("+") || zone.startsWith("-"))) {
      String z = zone.replace(":", "");
      offset =
          z.length() == 3
              ? ZoneOffset.ofHours(Integer.parseInt(z))
              : ZoneOffset.ofHoursMinutes(
                  Integer.parseInt(z.substring(0, 3)),
                  Integer.parseInt(z.charAt(0) + z.substring(3, 5)));
    }
    return OffsetDateTime.of(ldt, offset).toInstant();
  }

  private static Instant date(String y, String mo, String d) {
    return LocalDate.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d))
        .atStartOfDay()
        .toInstant(ZoneOffset.UTC);
  }
}
