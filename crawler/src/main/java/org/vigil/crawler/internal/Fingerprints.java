package org.vigil.crawler.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/** Content fingerprints: exact (SHA-256 of normalised text) and near-duplicate (SimHash). */
public final class Fingerprints {
  private static final int SHINGLE = 3;
  private static final HexFormat HEX = HexFormat.of();

  // One digest per crawl thread: MessageDigest.getInstance looks the provider up on every call.
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
          });

  private Fingerprints() {}

  /** NFKC, lower case, whitespace collapsed: formatting differences do not change the hash. */
  public static String normalize(String text) {
    Ascii ascii = Ascii.normalize(text);
    return ascii != null ? ascii.toString() : normalizeGeneral(text);
  }

  private static String normalizeGeneral(String text) {
    String n =
        Normalizer.isNormalized(text, Normalizer.Form.NFKC)
            ? text
            : Normalizer.normalize(text, Normalizer.Form.NFKC);
    n = n.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(n.length());
    boolean space = false;
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Normalised pure-ASCII text (most pages) as its bytes, made in one pass without intermediate
   * strings: ASCII is its own NFKC form, its lower case is A-Z to a-z, and its chars are its UTF-8
   * bytes.
   */
  private record Ascii(byte[] bytes, int length) {
    /** The normalised form of {@code text}, or {@code null} when it has a non-ASCII char. */
    static Ascii normalize(String text) {
      int len = text.length();
      byte[] out = new byte[len];
      int n = 0;
      boolean space = false;
      for (int i = 0; i < len; i++) {
        char c = text.charAt(i);
        if (c >= 0x80) {
          return null;
        }
        if (isSpace(c)) {
          space = n > 0;
        } else {
          if (space) {
            out[n++] = ' ';
            space = false;
          }
          out[n++] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
      }
      return new Ascii(out, n);
    }

    /** Character.isWhitespace or isSpaceChar, for a char below 0x80. */
    private static boolean isSpace(char c) {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
    }

    @Override
    public String toString() {
      return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }
  }

  /** Both fingerprints of a text, normalising it once. */
  public record Pair(String contentHash, long simhash) {}

  /** {@link #contentHash} and {@link #simhash} of {@code text}, normalising it once. */
  public static Pair of(String text) {
    Ascii ascii = Ascii.normalize(text);
    if (ascii != null) {
      return new Pair(sha256(ascii.bytes(), ascii.length()), simhashOfAscii(ascii));
    }
    String normalized = normalizeGeneral(text);
    byte[] utf8 = normalized.getBytes(StandardCharsets.UTF_8);
    return new Pair(sha256(utf8, utf8.length), simhashOfNormalized(normalized));
  }

  /** Hex SHA-256 of {@link #normalize(String) normalised} text. */
  public static String contentHash(String text) {
    Ascii ascii = Ascii.normalize(text);
    if (ascii != null) {
      return sha256(ascii.bytes(), ascii.length());
    }
    byte[] utf8 = normalizeGeneral(text).getBytes(StandardCharsets.UTF_8);
    return sha256(utf8, utf8.length);
  }

  /**
   * The key two pages share when one is an exact copy of the other: the hash of their main text
   * ({@code contentHash}) and of their title. Pages of one site whose extraction is the same
   * boilerplate line (a theme's footer on every tag page) differ in their titles and are no copies;
   * the same page under two URLs has the same title and text.
   */
  public static String pageKey(String title, String contentHash) {
    if (title == null || title.isBlank()) {
      return contentHash;
    }
    return contentHash(title + "\n" + contentHash);
  }

  private static String sha256(byte[] bytes, int length) {
    MessageDigest sha = SHA256.get();
    sha.update(bytes, 0, length);
    return HEX.formatHex(sha.digest());
  }

  /**
   * 64-bit SimHash over word 3-shingles of normalised text: texts that differ in a few words differ
   * in a few bits, so near duplicates are found by Hamming distance.
   */
  public static long simhash(String text) {
    Ascii ascii = Ascii.normalize(text);
    return ascii != null ? simhashOfAscii(ascii) : simhashOfNormalized(normalizeGeneral(text));
  }

  private static long simhashOfNormalized(String n) {
    Votes votes = new Votes();
    int i = 0;
    int len = n.length();
    while (i < len) {
      while (i < len && !Character.isLetterOrDigit(n.charAt(i))) {
        i++;
      }
      if (i >= len) {
        break;
      }
      long h = FNV_OFFSET; // FNV-1a over the word's chars
      while (i < len && Character.isLetterOrDigit(n.charAt(i))) {
        h ^= n.charAt(i++);
        h *= FNV_PRIME;
      }
      votes.word(mix(h));
    }
    return votes.result();
  }

  /**
   * {@link #simhashOfNormalized} of normalised ASCII text: the same words, the same char values.
   */
  private static long simhashOfAscii(Ascii text) {
    byte[] n = text.bytes();
    int len = text.length();
    Votes votes = new Votes();
    int i = 0;
    while (i < len) {
      while (i < len && !isAsciiLetterOrDigit(n[i])) {
        i++;
      }
      if (i >= len) {
        break;
      }
      long h = FNV_OFFSET; // FNV-1a over the word's chars
      while (i < len && isAsciiLetterOrDigit(n[i])) {
        h ^= n[i++];
        h *= FNV_PRIME;
      }
      votes.word(mix(h));
    }
    return votes.result();
  }

  /** Character.isLetterOrDigit for an ASCII char of lower-cased text. */
  private static boolean isAsciiLetterOrDigit(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  }

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long LANES = 0x0101010101010101L;

  /**
   * The per-bit votes of the shingles. Bits j, j+8, …, j+56 of each shingle hash are counted
   * together in the eight byte lanes of {@code packed[j]} (8 additions per shingle instead of 64),
   * and flushed into {@code ones} before a lane can overflow.
   */
  private static final class Votes {
    private final int[] ones = new int[64];
    private final long[] packed = new long[8];
    private int unflushed;
    private int features;
    private int count;
    private long window0;
    private long window1;

    void word(long h) {
      count++;
      if (count >= SHINGLE) {
        add(mix(window0 * 31 + window1 * 17 + h));
      }
      window0 = window1;
      window1 = h;
    }

    private void add(long h) {
      for (int j = 0; j < 8; j++) {
        packed[j] += (h >>> j) & LANES;
      }
      features++;
      if (++unflushed == 255) {
        flush();
      }
    }

    private void flush() {
      for (int j = 0; j < 8; j++) {
        long p = packed[j];
        for (int k = 0; k < 8; k++) {
          ones[j + 8 * k] += (int) ((p >>> (8 * k)) & 0xff);
        }
        packed[j] = 0;
      }
      unflushed = 0;
    }

    long result() {
      if (count > 0 && count < SHINGLE) {
        add(mix(window0 * 31 + window1 * 17));
      }
      flush();
      long result = 0;
      for (int bit = 0; bit < 64; bit++) {
        if (2 * ones[bit] > features) { // more features set this bit than cleared it
          result |= 1L << bit;
        }
      }
      return result;
    }
  }

  /** The number of differing bits of two SimHashes. */
  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  private static long mix(long z) { // splitmix64 finaliser
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
