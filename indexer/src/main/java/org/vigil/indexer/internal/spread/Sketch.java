package org.vigil.indexer.internal.spread;

import java.util.Arrays;

/**
 * The passage fingerprint clustering compares: hashes of the word 3-shingles of a text, keeping
 * only those whose hash is 0 modulo {@link #SAMPLE}. The choice depends on a shingle alone, never
 * on the rest of the text (unlike a bottom-k MinHash), so a recruiting post quoted inside a longer
 * page keeps the very hashes it has on its own: containment survives sampling. Words are maximal
 * runs of letters and digits, lower-cased; punctuation, case and whitespace do not matter.
 */
public final class Sketch {
  /** Words per shingle: an edited word changes at most this many shingles. */
  static final int SHINGLE = 3;

  /** One shingle in {@code SAMPLE} is kept (a power of two). */
  static final int SAMPLE = 2;

  private Sketch() {}

  /** The sorted, distinct sampled shingle hashes of {@code text} (empty when it has no word). */
  public static long[] of(String text) {
    long[] out = new long[16];
    int n = 0;
    long w0 = 0;
    long w1 = 0;
    int words = 0;
    int i = 0;
    int len = text.length();
    while (i < len) {
      while (i < len && !Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      if (i >= len) {
        break;
      }
      long h = 0xcbf29ce484222325L; // FNV-1a over the lower-cased word
      while (i < len && Character.isLetterOrDigit(text.charAt(i))) {
        h ^= Character.toLowerCase(text.charAt(i++));
        h *= 0x100000001b3L;
      }
      words++;
      if (words >= SHINGLE) {
        long s = mix(w0 * 31 + w1 * 17 + h);
        if ((s & (SAMPLE - 1)) == 0) {
          if (n == out.length) {
            out = Arrays.copyOf(out, 2 * n);
          }
          out[n++] = s;
        }
      }
      w0 = w1;
      w1 = h;
    }
    if (words > 0 && words < SHINGLE) { // a very short text is its one shingle, always kept
      out[n++] = mix(w0 * 31 + w1 * 17) & ~(SAMPLE - 1L);
    }
    long[] sketch = Arrays.copyOf(out, n);
    Arrays.sort(sketch);
    return distinct(sketch);
  }

  /** How many hashes two sorted sketches share. */
  public static int shared(long[] a, long[] b) {
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        n++;
        i++;
        j++;
      }
    }
    return n;
  }

  /** The hashes two sorted sketches share, sorted. */
  public static long[] intersection(long[] a, long[] b) {
    long[] out = new long[Math.min(a.length, b.length)];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        out[n++] = a[i];
        i++;
        j++;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static long[] distinct(long[] sorted) {
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (n == 0 || sorted[n - 1] != sorted[i]) {
        sorted[n++] = sorted[i];
      }
    }
    return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
  }

  private static long mix(long z) { // splitmix64 finaliser
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
