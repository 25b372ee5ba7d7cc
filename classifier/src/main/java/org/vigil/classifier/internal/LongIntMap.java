package org.vigil.classifier.internal;

/**
 * A minimal open-addressing map from {@code long} keys to non-negative {@code int} values, filled
 * once and then only read (safe to share between threads after construction). Saves the boxing of
 * {@code HashMap<Long, Integer>} on the scoring hot path.
 */
final class LongIntMap {
  static final int ABSENT = -1;
  private static final long EMPTY = Long.MIN_VALUE;

  // key at 2 * slot, value at 2 * slot + 1: a look-up that finds its key reads one cache line, not
  // one in a key array and another in a value array (the scorer's bigram table is megabytes)
  private long[] table;
  private int size;

  LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    table = emptyTable(capacity);
  }

  /** Maps {@code key} to {@code value}, replacing an earlier value. */
  void put(long key, int value) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("key " + key + " is reserved");
    }
    if (value < 0) {
      throw new IllegalArgumentException("value must be >= 0, was " + value);
    }
    if ((size + 1) * 2 > capacity()) {
      grow();
    }
    int slot = slot(key);
    if (table[2 * slot] == EMPTY) {
      table[2 * slot] = key;
      size++;
    }
    table[2 * slot + 1] = value;
  }

  /** The value of {@code key}, or {@link #ABSENT}. */
  int get(long key) {
    int slot = slot(key);
    return table[2 * slot] == key ? (int) table[2 * slot + 1] : ABSENT;
  }

  int size() {
    return size;
  }

  private int capacity() {
    return table.length / 2;
  }

  private int slot(long key) {
    int mask = capacity() - 1;
    int i = mix(key) & mask;
    while (table[2 * i] != EMPTY && table[2 * i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private static long[] emptyTable(int capacity) {
    long[] t = new long[capacity * 2];
    for (int i = 0; i < t.length; i += 2) {
      t[i] = EMPTY;
    }
    return t;
  }

  private void grow() {
    long[] old = table;
    table = emptyTable(old.length); // twice the slots
    size = 0;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != EMPTY) {
        put(old[i], (int) old[i + 1]);
      }
    }
  }
}
