package org.vigil.classifier.internal;

import java.util.Arrays;

/**
 * A minimal open-addressing map from {@code long} keys to non-negative {@code int} values, filled
 * once and then only read (safe to share between threads after construction). Saves the boxing of
 * {@code HashMap<Long, Integer>} on the scoring hot path.
 */
final class LongIntMap {
  static final int ABSENT = -1;
  private static final long EMPTY = Long.MIN_VALUE;

  private long[] keys;
  private int[] values;
  private int size;

  LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new int[capacity];
    Arrays.fill(keys, EMPTY);
  }

  /** Maps {@code key} to {@code value}, replacing an earlier value. */
  void put(long key, int value) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("key " + key + " is reserved");
    }
    if (value < 0) {
      throw new IllegalArgumentException("value must be >= 0, was " + value);
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int slot = slot(key);
    if (keys[slot] == EMPTY) {
      keys[slot] = key;
      size++;
    }
    values[slot] = value;
  }

  /** The value of {@code key}, or {@link #ABSENT}. */
  int get(long key) {
    int slot = slot(key);
    return keys[slot] == key ? values[slot] : ABSENT;
  }

  int size() {
    return size;
  }

  private int slot(long key) {
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (keys[i] != EMPTY && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }
}
