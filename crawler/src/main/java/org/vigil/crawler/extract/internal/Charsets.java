package org.vigil.crawler.extract.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Charset detection for HTML bodies: BOM, then the HTTP header, then {@code <meta charset>} /
 * {@code http-equiv}, then sniffing (valid UTF-8, else a small single-byte heuristic that tells
 * windows-1251 and KOI8-R Cyrillic apart from windows-1252 Latin text).
 */
public final class Charsets {
  /** How many leading bytes are scanned for a meta charset declaration (as browsers do). */
  private static final int PRESCAN = 8192;

  private static final Pattern HEADER_CHARSET =
      Pattern.compile("charset\\s*=\\s*[\"']?\\s*([-\\w:.+]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern META_CHARSET =
      Pattern.compile(
          "<meta[^>]*?charset\\s*=\\s*[\"']?\\s*([-\\w:.+]+)", Pattern.CASE_INSENSITIVE);

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
  private static final Charset KOI8_R = Charset.forName("KOI8-R");

  private Charsets() {}

  /** Detects the charset of {@code body}; never {@code null}. */
  public static Charset detect(byte[] body, String contentTypeHeader) {
    Charset bom = bom(body);
    if (bom != null) {
      return bom;
    }
    Charset declared = fromContentType(contentTypeHeader);
    if (declared == null) {
      declared = fromMeta(body);
    }
    Utf8Check utf8 = Utf8Check.of(body);
    if (declared != null) {
      // A legacy label on bytes that are valid, non-ASCII UTF-8 is a mislabel in practice:
      // multi-byte UTF-8 sequences almost never occur by chance in single-byte text.
      if (!declared.equals(StandardCharsets.UTF_8) && utf8.valid() && utf8.multiByte() > 0) {
        return StandardCharsets.UTF_8;
      }
      // Declared UTF-8 but mostly invalid: the label is wrong, sniff instead.
      if (!declared.equals(StandardCharsets.UTF_8) || utf8.mostlyValid()) {
        return declared;
      }
      return sniffSingleByte(body);
    }
    return utf8.mostlyValid() ? StandardCharsets.UTF_8 : sniffSingleByte(body);
  }

  /** The charset named by a byte-order mark, else {@code null}. */
  public static Charset bom(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return StandardCharsets.UTF_8;
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return StandardCharsets.UTF_16BE;
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  /** Length of the BOM at the start of {@code b} for {@code cs}, else 0. */
  public static int bomLength(byte[] b, Charset cs) {
    Charset bom = bom(b);
    if (bom == null || !bom.equals(cs)) {
      return 0;
    }
    return bom.equals(StandardCharsets.UTF_8) ? 3 : 2;
  }

  /** The charset parameter of a Content-Type header, when present and supported. */
  public static Charset fromContentType(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = HEADER_CHARSET.matcher(header);
    return m.find() ? lookup(m.group(1), false) : null;
  }

  static Charset fromMeta(byte[] body) {
    String head = new String(body, 0, Math.min(body.length, PRESCAN), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(head);
    return m.find() ? lookup(m.group(1), true) : null;
  }

  /** Maps a charset label to a Java charset the way browsers do (WHATWG aliases). */
  static Charset lookup(String label, boolean fromMeta) {
    String l = label.trim().toLowerCase(Locale.ROOT);
    switch (l) {
      case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "x-user-defined" -> {
        return WINDOWS_1252;
      }
      case "utf8", "unicode-1-1-utf-8" -> {
        return StandardCharsets.UTF_8;
      }
      default -> {}
    }
    // A document that can declare its charset in ASCII is not UTF-16 (WHATWG rule).
    if (fromMeta && l.startsWith("utf-16")) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.isSupported(l) ? Charset.forName(l) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Single-byte guess. Cyrillic text has most letters above 0x7F, in 0xC0-0xFF; Russian text is
   * mostly lower case, which is 0xE0-0xFF in windows-1251 but 0xC0-0xDF in KOI8-R. Latin text has
   * only a few, mostly isolated accented letters above 0x7F, so anything else is windows-1252.
   */
  static Charset sniffSingleByte(byte[] body) {
    long asciiLetters = 0;
    long high = 0;
    long c0 = 0;
    long e0 = 0;
    long runs = 0;
    int prev = 0;
    for (byte x : body) {
      int b = x & 0xFF;
      if (b >= 0xC0 && prev >= 0xC0) {
        runs++;
      }
      prev = b;
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
        asciiLetters++;
      } else if (b >= 0x80) {
        high++;
        if (b >= 0xE0) {
          e0++;
        } else if (b >= 0xC0) {
          c0++;
        }
      }
    }
    // Cyrillic words are runs of high bytes; accented Latin letters mostly stand alone.
    boolean cyrillic = high > 0 && runs * 2 >= high && (c0 + e0) * 10 >= high * 6;
    if (!cyrillic) {
      return WINDOWS_1252;
    }
    return e0 >= c0 ? WINDOWS_1251 : KOI8_R;
  }

  /** Result of one pass over the bytes checking UTF-8 well-formedness. */
  record Utf8Check(long multiByte, long invalid) {
    boolean valid() {
      return invalid == 0;
    }

    /** Valid, or so nearly valid that a few broken sequences (truncation, junk) don't matter. */
    boolean mostlyValid() {
      return invalid == 0 || invalid * 50 < multiByte;
    }

    static Utf8Check of(byte[] b) {
      long multi = 0;
      long invalid = 0;
      int i = 0;
      int n = b.length;
      while (i < n) {
        int c = b[i] & 0xFF;
        if (c < 0x80) {
          i++;
          continue;
        }
        int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
        if (len == 0 || c > 0xF4) {
          invalid++;
          i++;
          continue;
        }
        int j = 1;
        while (j < len && i + j < n && (b[i + j] & 0xC0) == 0x80) {
          j++;
        }
        if (j == len) {
          multi++;
          i += len;
        } else if (i + j >= n) {
          i = n; // truncated at the end of the body: not evidence against UTF-8
        } else {
          invalid++;
          i += j;
        }
      }
      return new Utf8Check(multi, invalid);
    }
  }
}
