package org.vigil.classifier.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntMapTest {
  @Test
  void answersLikeAHashMapThroughGrowthAndReplacement() {
    LongIntMap map = new LongIntMap(2); // grows many times
    Map<Long, Integer> expected = new HashMap<>();
    Random random = new Random(3);
    for (int i = 0; i < 50_000; i++) {
      long key = random.nextInt(20_000) * 0x1_0000_0001L - 7; // clustered keys, some repeated
      int value = random.nextInt(Integer.MAX_VALUE);
      map.put(key, value);
      expected.put(key, value);
    }
    assertEquals(expected.size(), map.size());
    expected.forEach((k, v) -> assertEquals(v, map.get(k), "key " + k));
    for (int i = 0; i < 10_000; i++) {
      long absent = 0x7000_0000_0000_0000L + i;
      assertEquals(LongIntMap.ABSENT, map.get(absent));
    }
  }

  @Test
  void rejectsTheReservedKeyAndNegativeValues() {
    LongIntMap map = new LongIntMap(4);
    assertThrows(IllegalArgumentException.class, () -> map.put(Long.MIN_VALUE, 1));
    assertThrows(IllegalArgumentException.class, () -> map.put(1, -1));
  }
}
