package org.vigil.indexer.internal.spread;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Which clusters' representative sketches hold a hash: an open-addressing map from hash to a linked
 * list of cluster ordinals kept in parallel int arrays (no boxing), with the list's length (the
 * hash's frequency over clusters, used to ignore boilerplate).
 */
final class Postings {
  private int bits = 12;
  private long[] keys = new long[1 << bits];
  private boolean[] occupied = new boolean[1 << bits];
  private int[] heads = new int[1 << bits]; // node + 1; 0 = empty list
  private int[] freq = new int[1 << bits];
  private int used;
  private int[] nodeCluster = new int[1 << 12];
  private int[] nodeNext = new int[1 << 12]; // node + 1; 0 = end
  private int nodes;
  private static final int FREQUENT = 1 << 24; // added to a hash marked frequent

  /** The number of clusters whose representative holds {@code hash}. */
  int frequency(long hash) {
    int slot = slotFor(hash);
    return occupied[slot] ? freq[slot] : 0;
  }

  /** Adds {@code cluster} to the list of {@code hash}. */
  void add(long hash, int cluster) {
    int slot = claim(hash);
    if (nodes == nodeCluster.length) {
      nodeCluster = Arrays.copyOf(nodeCluster, 2 * nodes);
      nodeNext = Arrays.copyOf(nodeNext, 2 * nodes);
    }
    nodeCluster[nodes] = cluster;
    nodeNext[nodes] = heads[slot];
    heads[slot] = ++nodes;
    freq[slot]++;
  }

  /** Raises the frequency of {@code hash} far above any real one (its list stays as it is). */
  void markFrequent(long hash) {
    int slot = claim(hash);
    if (freq[slot] < FREQUENT) {
      freq[slot] += FREQUENT;
    }
  }

  /** The slot of {@code hash}, taken for it if it had none (the table grows first if needed). */
  private int claim(long hash) {
    if (4 * (used + 1) > 3 * keys.length) { // load factor 0.75
      grow();
    }
    int slot = slotFor(hash);
    if (!occupied[slot]) {
      occupied[slot] = true;
      keys[slot] = hash;
      used++;
    }
    return slot;
  }

  /** Removes {@code cluster} from the list of {@code hash} (its node is not reused). */
  void remove(long hash, int cluster) {
    int slot = slotFor(hash);
    if (!occupied[slot]) {
      return;
    }
    int prev = -1;
    for (int node = heads[slot] - 1; node >= 0; node = nodeNext[node] - 1) {
      if (nodeCluster[node] == cluster) {
        if (prev < 0) {
          heads[slot] = nodeNext[node];
        } else {
          nodeNext[prev] = nodeNext[node];
        }
        freq[slot]--;
        return;
      }
      prev = node;
    }
  }

  /** Calls {@code visitor} for each cluster whose representative holds {@code hash}. */
  void forEach(long hash, IntConsumer visitor) {
    int slot = slotFor(hash);
    if (!occupied[slot]) {
      return;
    }
    for (int node = heads[slot] - 1; node >= 0; node = nodeNext[node] - 1) {
      visitor.accept(nodeCluster[node]);
    }
  }

  /** Bytes held by the arrays, for the benchmark's memory figure. */
  long bytes() {
    return 17L * keys.length + 8L * nodeCluster.length;
  }

  private int slotFor(long hash) {
    int mask = keys.length - 1;
    // Fibonacci hashing on the high bits: sampled hashes share their low bits.
    int slot = (int) ((hash * 0x9E3779B97F4A7C15L) >>> (64 - bits));
    while (occupied[slot] && keys[slot] != hash) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oldKeys = keys;
    boolean[] oldOccupied = occupied;
    int[] oldHeads = heads;
    int[] oldFreq = freq;
    bits++;
    keys = new long[1 << bits];
    occupied = new boolean[keys.length];
    heads = new int[keys.length];
    freq = new int[keys.length];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldOccupied[i]) {
        int slot = slotFor(oldKeys[i]);
        occupied[slot] = true;
        keys[slot] = oldKeys[i];
        heads[slot] = oldHeads[i];
        freq[slot] = oldFreq[i];
      }
    }
  }
}
