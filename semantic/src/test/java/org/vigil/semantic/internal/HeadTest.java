package org.vigil.semantic.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeadTest {
  private static final Head HEAD =
      new Head(Embedder.NAME, "vigil-default-0123456789ab", 0.3, 0.68, new float[] {2f, -1f, 0.5f});

  @Test
  void aHeadIsItsBytesAndItsVersionIsTheirHash() throws IOException {
    Head read = Head.fromBytes(HEAD.bytes());

    assertThat(read.embedding()).isEqualTo(Embedder.NAME);
    assertThat(read.calibratedFor()).isEqualTo("vigil-default-0123456789ab");
    assertThat(read.screen()).isEqualTo(0.3);
    assertThat(read.threshold()).isEqualTo(0.68);
    assertThat(read.weights()).containsExactly(2f, -1f, 0.5f);
    assertThat(read.bytes()).isEqualTo(HEAD.bytes());
    assertThat(read.version()).isEqualTo(HEAD.version()).matches("e5-small-v2-q-[0-9a-f]{12}");
    Head other = new Head(Embedder.NAME, "vigil-default-0123456789ab", 0.3, 0.69, HEAD.weights());
    assertThat(other.version()).isNotEqualTo(HEAD.version());
  }

  @Test
  void theProbabilityIsTheLogisticOfTheWeightedSumPlusTheBias() {
    assertThat(HEAD.probability(new float[] {0f, 0f})).isEqualTo(1 / (1 + Math.exp(-0.5)));
    assertThat(HEAD.probability(new float[] {1f, 1f})).isEqualTo(1 / (1 + Math.exp(-1.5)));
    assertThatThrownBy(() -> HEAD.probability(new float[] {1f}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("embedding has 1 dimensions, head 2");
  }

  @Test
  void otherBytesAreNotAHead() {
    byte[] bytes = HEAD.bytes();

    assertThatThrownBy(() -> Head.fromBytes("weights".getBytes()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a semantic head file");
    assertThatThrownBy(() -> Head.fromBytes(Arrays.copyOf(bytes, bytes.length - 2)))
        .isInstanceOf(IOException.class)
        .hasMessage("not a semantic head file (truncated or corrupt)");
    assertThatThrownBy(() -> Head.fromBytes(Arrays.copyOf(bytes, bytes.length + 1)))
        .isInstanceOf(IOException.class)
        .hasMessage("corrupt semantic head file (trailing bytes)");
  }
}
