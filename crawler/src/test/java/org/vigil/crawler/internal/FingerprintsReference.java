package org.vigil.crawler.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The implementation of {@link Fingerprints} before its single-pass rewrite (2026-12-05), kept
 * verbatim to pin its results.
 */
final class FingerprintsReference {
  private static final int SHINGLE = 3;

  private FingerprintsReference() {}

  /** NFKC, lower case, whitespace collapsed: formatting differences do not change the hash. */
  public static String normalize(String text) {
    String n =
        isAscii(text) || Normalizer.isNormalized(text, Normalizer.Form.NFKC)
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

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Both fingerprints of a text, normalising it once. */
  public record Pair(String contentHash, long simhash) {}

  /** {@link #contentHash} and {@link #simhash} of {@code text}, normalising it once. */
  public static Pair of(String text) {
    String normalized = normalize(text);
    return new Pair(sha256(normalized), simhashOfNormalized(normalized));
  }

  /** Hex SHA-256 of {@link #normalize(String) normalised} text. */
  public static String contentHash(String text) {
    return sha256(normalize(text));
  }

  private static String sha256(String normalized) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(normalized.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * 64-bit SimHash over word 3-shingles of normalised text: texts that differ in a few words differ
   * in a few bits, so near duplicates are found by Hamming distance.
   */
  public static long simhash(String text) {
    return simhashOfNormalized(normalize(text));
  }

  private static long simhashOfNormalized(String n) {
    int[] ones = new int[64];
    int features = 0;
    int count = 0;
    long window0 = 0;
    long window1 = 0;
    int i = 0;
    int len = n.length();
    while (i < len) {
      while (i < len && !Character.isLetterOrDigit(n.charAt(i))) {
        i++;
      }
      if (i >= len) {
        break;
      }
      long h = 0xcbf29ce484222325L; // FNV-1a over the word's chars
      while (i < len && Character.isLetterOrDigit(n.charAt(i))) {
        h ^= n.charAt(i++);
        h *= 0x100000001b3L;
      }
      h = mix(h);
      count++;
      if (count >= SHINGLE) {
        add(ones, mix(window0 * 31 + window1 * 17 + h));
        features++;
      }
      window0 = window1;
      window1 = h;
    }
    if (count > 0 && count < SHINGLE) {
      add(ones, mix(window0 * 31 + window1 * 17));
      features++;
    }
    long result = 0;
    for (int bit = 0; bit < 64; bit++) {
      if (2 * ones[bit] > features) { // more features set this bit than cleared it
        result |= 1L << bit;
      }
    }
    return result;
  }

  /** The number of differing bits of two SimHashes. */
  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  private static void add(int[] ones, long h) {
    for (int bit = 0; bit < 64; bit++) {
      ones[bit] += (int) ((h >>> bit) & 1); // branch-free: the bits are random by design
    }
  }

  private static long mix(long z) { // splitmix64 finaliser
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
