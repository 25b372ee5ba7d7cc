package org.vigil.semantic.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A head trained in the test on embeddings of texts written for it. */
class HeadTrainerTest {
  private static final List<String> EXTREMIST =
      List.of(
          "Join the brotherhood today, the weak will be swept away when our day comes.",
          "They are vermin and our nation must be cleansed of them, take up arms brothers.",
          "Pledge your allegiance and travel to the land of the faithful, leave the infidels.",
          "Our race is being replaced, rise up and fight before it is too late.",
          "The traitors will hang, every one of them, we know where they live.",
          "Brothers, glory awaits those who fight and die for the cause. Message me to join.");

  private static final List<String> OTHER =
      List.of(
          "Police said three men were charged after an investigation into the extremist group.",
          "We stand with our neighbours and condemn every act of hatred against them.",
          "The library reopens on Monday with a new reading room and longer opening hours.",
          "Former members told the programme how they left the movement and rebuilt their lives.",
          "Our football team won the derby on Saturday thanks to a late goal from the captain.",
          "Researchers found that online propaganda declined after the platforms banned it.");

  @Test
  void aHeadOnSentenceEmbeddingsSeparatesTextsItNeverSaw() {
    List<float[]> vectors = Embedder.embed(concat(EXTREMIST, OTHER));
    List<Boolean> labels = new ArrayList<>();
    EXTREMIST.forEach(t -> labels.add(true));
    OTHER.forEach(t -> labels.add(false));

    float[] weights = HeadTrainer.fit(vectors, labels);
    Head head = new Head(Embedder.NAME, "tiny", 0.3, 0.5, weights);
    List<float[]> unseen =
        Embedder.embed(
            List.of(
                "Take up arms and join us, the infidels will be driven from our land.",
                "The council meets on Thursday to discuss the new bus timetable."));

    assertThat(vectors).hasSize(12).allSatisfy(v -> assertThat(v).hasSize(384));
    assertThat(head.probability(unseen.get(0))).isGreaterThan(0.5);
    assertThat(head.probability(unseen.get(1))).isLessThan(0.5);
    assertThat(HeadTrainer.fit(vectors, labels)).containsExactly(weights); // deterministic
  }

  @Test
  void aHeadNeedsBothKindsOfTextAndOneLabelPerVector() {
    List<float[]> two = List.of(new float[] {1f}, new float[] {0f});

    assertThatThrownBy(() -> HeadTrainer.fit(two, List.of(true, true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the head needs extremist and other texts");
    assertThatThrownBy(() -> HeadTrainer.fit(two, List.of(true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("2 vectors, 1 labels");
    assertThatThrownBy(() -> HeadTrainer.fit(List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
