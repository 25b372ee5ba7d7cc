package org.vigil.indexer.internal.spread;

import java.util.Arrays;

/**
 * Incremental near-duplicate clustering of sketches ({@link Sketch}), in memory. Each cluster has a
 * representative sketch; a new sketch joins the cluster whose representative it overlaps most, or
 * founds a new one. Nothing already assigned is ever rescanned: one {@link #assign} looks up the
 * new sketch's hashes in an inverted index of the representatives only.
 *
 * <p>Overlap is containment, {@code shared / min(|item|, |representative|)}, so a text quoted
 * inside a longer page, or wrapped in another site's boilerplate, still matches. A long shared
 * passage joins even when it is a small part of both pages ({@link #PASSAGE_SHARED}). Hashes held
 * by more than {@link #MAX_FREQUENCY} representatives (a site's boilerplate, stock phrases) are
 * ignored. When a member is much shorter than the representative and contained in it (the bare post
 * after a page that quoted it), it becomes the representative; a member joined through a shared
 * passage shrinks the representative to what they share. So the representative converges on the
 * common passage and further quotes of it keep joining. Not thread-safe.
 */
public final class ClusterEngine {
  /** Minimal containment to join. */
  static final double CONTAINMENT = 0.3;

  /** Shared hashes that join regardless of containment: ~PASSAGE_SHARED * SAMPLE shared words. */
  static final int PASSAGE_SHARED = 20;

  /** Containment a shared passage still needs (keeps a shared long footer from merging all). */
  static final double PASSAGE_CONTAINMENT = 0.15;

  /** Minimal shared hashes (or all of the smaller sketch when it has fewer). */
  static final int MIN_SHARED = 4;

  /** Representatives a hash may be in before it counts as boilerplate. */
  static final int MAX_FREQUENCY = 10;

  /** Clusters sharing the most hashes that are compared in full. */
  static final int CANDIDATES = 24;

  /** A member shorter than this fraction of the representative may replace it. */
  static final double SHRINK = 0.75;

  private final Postings postings = new Postings();
  private long[][] representatives = new long[1024][];
  private int clusters;
  private int[] counts = new int[1024];
  private long[] ages = new long[1024];
  private long nextAge;
  private int[] touched = new int[1024];

  /** Where a sketch went. */
  public record Assignment(int cluster, boolean founded, boolean representativeChanged) {}

  /**
   * Adds an existing cluster with its representative, as the next cluster founded.
   *
   * @return its ordinal
   */
  public int load(long[] representative) {
    return load(representative, nextAge);
  }

  /**
   * Adds an existing cluster (one stored in the index) with its representative and its age (the
   * order it was founded in: {@link #age}); clusters founded afterwards are younger.
   *
   * @return its ordinal
   */
  public int load(long[] representative, long age) {
    int c = clusters++;
    if (c == representatives.length) {
      representatives = Arrays.copyOf(representatives, 2 * c);
      counts = Arrays.copyOf(counts, 2 * c);
      ages = Arrays.copyOf(ages, 2 * c);
    }
    ages[c] = age;
    nextAge = Math.max(nextAge, age + 1);
    setRepresentative(c, representative);
    return c;
  }

  /**
   * When a cluster was founded, in the engine's order: ties between equally good clusters go to the
   * oldest, so the outcome does not depend on the order clusters were loaded in.
   */
  public long age(int cluster) {
    return ages[cluster];
  }

  /** Clusters founded from now on are at least {@code first} old (e.g. a time in nanoseconds). */
  public void ageFrom(long first) {
    nextAge = Math.max(nextAge, first);
  }

  /**
   * Counts {@code hash} as boilerplate from now on, as if more than {@link #MAX_FREQUENCY}
   * representatives held it: for a hash the caller knows to be that common among clusters it has
   * not loaded.
   */
  public void boilerplate(long hash) {
    postings.markFrequent(hash);
  }

  /** Assigns a sketch to the best matching cluster or founds a new one. */
  public Assignment assign(long[] sketch) {
    int touchedCount = 0;
    int own = 0; // hashes of the sketch that are not boilerplate
    for (long h : sketch) {
      int f = postings.frequency(h);
      if (f > MAX_FREQUENCY) {
        continue;
      }
      own++;
      if (f == 0) {
        continue;
      }
      final int[] n = {touchedCount};
      postings.forEach(
          h,
          c -> {
            if (counts[c]++ == 0) {
              if (n[0] == touched.length) {
                touched = Arrays.copyOf(touched, 2 * n[0]);
              }
              touched[n[0]++] = c;
            }
          });
      touchedCount = n[0];
    }
    int candidates = keepBest(touchedCount);
    int best = -1;
    double bestScore = 0;
    int bestShared = 0;
    for (int i = 0; i < candidates; i++) {
      int c = touched[i];
      int shared = counts[c];
      int smaller = Math.min(own, ownSize(representatives[c]));
      if (smaller == 0) {
        continue;
      }
      double containment = (double) shared / smaller;
      boolean joins =
          (containment >= CONTAINMENT && shared >= Math.min(MIN_SHARED, smaller))
              || (shared >= PASSAGE_SHARED && containment >= PASSAGE_CONTAINMENT);
      if (joins
          && (containment > bestScore
              || (containment == bestScore
                  && (shared > bestShared || (shared == bestShared && older(c, best)))))) {
        best = c;
        bestScore = containment;
        bestShared = shared;
      }
    }
    for (int i = 0; i < touchedCount; i++) {
      counts[touched[i]] = 0;
    }
    if (best < 0) {
      return new Assignment(load(sketch), true, false);
    }
    long[] rep = representatives[best];
    int repSize = ownSize(rep);
    if (bestScore < CONTAINMENT) { // joined through a shared passage: keep what they share
      setRepresentative(best, Sketch.intersection(rep, sketch));
      return new Assignment(best, false, true);
    }
    if (own < SHRINK * repSize && (double) bestShared / own >= CONTAINMENT) {
      setRepresentative(best, sketch); // the bare passage after a page that quoted it
      return new Assignment(best, false, true);
    }
    return new Assignment(best, false, false);
  }

  /**
   * Moves the {@link #CANDIDATES} clusters sharing the most hashes to the front of {@code touched}
   * (a partial selection sort: K is small) and returns how many there are. The best match shares
   * many hashes; looking at every cluster that shares a stock phrase or two would cost a
   * representative scan each.
   */
  private int keepBest(int touchedCount) {
    int k = Math.min(CANDIDATES, touchedCount);
    for (int i = 0; i < k; i++) {
      int top = i;
      for (int j = i + 1; j < touchedCount; j++) {
        int cj = counts[touched[j]];
        int ct = counts[touched[top]];
        if (cj > ct || (cj == ct && older(touched[j], touched[top]))) {
          top = j;
        }
      }
      int t = touched[i];
      touched[i] = touched[top];
      touched[top] = t;
    }
    return k;
  }

  /** Whether cluster {@code a} was founded before {@code b} (ordinals break equal ages). */
  private boolean older(int a, int b) {
    return ages[a] < ages[b] || (ages[a] == ages[b] && a < b);
  }

  /** The representative sketch of a cluster. */
  public long[] representative(int cluster) {
    return representatives[cluster];
  }

  /** Clusters so far. */
  public int size() {
    return clusters;
  }

  /** Approximate bytes held (postings and representatives), for the benchmark. */
  public long bytes() {
    long reps = 0;
    for (int c = 0; c < clusters; c++) {
      reps += 16 + 8L * representatives[c].length;
    }
    return postings.bytes() + reps + 8L * representatives.length + 8L * counts.length;
  }

  private int ownSize(long[] sketch) {
    int n = 0;
    for (long h : sketch) {
      if (postings.frequency(h) <= MAX_FREQUENCY) {
        n++;
      }
    }
    return n;
  }

  private void setRepresentative(int cluster, long[] sketch) {
    long[] old = representatives[cluster];
    if (old != null) {
      for (long h : old) {
        postings.remove(h, cluster);
      }
    }
    representatives[cluster] = sketch;
    for (long h : sketch) {
      postings.add(h, cluster);
    }
  }
}
