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

  private Fingerprints() {}

  /** NFKC, lower case, whitespace collapsed: formatting differences do not change the hash. */
  public static String normalize(String text) {
    String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
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

  /** Hex SHA-256 of {@link #normalize(String) normalised} text. */
  public static String contentHash(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(normalize(text).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * 64-bit SimHash over word 3-shingles of normalised text: texts that differ in a few words differ
   * in a few bits, so near duplicates are found by Hamming distance.
   */
  public static long simhash(String text) {
    String[] words = normalize(text).split("[^\\p{L}\\p{N}]+");
    int[] weights = new int[64];
    int count = 0;
    long window0 = 0;
    long window1 = 0;
    for (String word : words) {
      if (word.isEmpty()) {
        continue;
      }
      long h = hash(word);
      count++;
      if (count >= SHINGLE) {
        add(weights, mix(window0 * 31 + window1 * 17 + h));
      }
      window0 = window1;
      window1 = h;
    }
    if (count > 0 && count < SHINGLE) {
      add(weights, mix(window0 * 31 + window1 * 17));
    }
    long result = 0;
    for (int bit = 0; bit < 64; bit++) {
      if (weights[bit] > 0) {
        result |= 1L << bit;
      }
    }
    return result;
  }

  /** The number of differing bits of two SimHashes. */
  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  private static void add(int[] weights, long h) {
    for (int bit = 0; bit < 64; bit++) {
      weights[bit] += ((h >>> bit) & 1) == 1 ? 1 : -1;
    }
  }

  private static long hash(String s) {
    long h = 0xcbf29ce484222325L; // FNV-1a
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  private static long mix(long z) { // splitmix64 finaliser
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
