package org.vigil.crawler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintsTest {
  static final String TEXT =
      "Analysts only see what the crawler reaches, and operators will only point it at real sites"
          + " if it is polite, bounded and never falls over on hostile pages.";

  @Test
  void contentHashIgnoresCaseAndWhitespaceOnly() {
    assertThat(Fingerprints.contentHash("  " + TEXT.toUpperCase().replace(" ", "\n\t ")))
        .isEqualTo(Fingerprints.contentHash(TEXT))
        .hasSize(64);
    assertThat(Fingerprints.contentHash(TEXT + "!")).isNotEqualTo(Fingerprints.contentHash(TEXT));
  }

  @Test
  void simhashIsCloseForNearDuplicatesAndFarForUnrelatedText() {
    long a = Fingerprints.simhash(TEXT);
    long near = Fingerprints.simhash(TEXT.replace("hostile", "malicious"));
    long far =
        Fingerprints.simhash(
            "Совсем другой текст о погоде, футболе и кулинарных рецептах на выходные дни.");
    assertThat(Fingerprints.distance(a, near)).isLessThan(Fingerprints.distance(a, far));
    assertThat(Fingerprints.distance(a, near)).isLessThanOrEqualTo(16);
    assertThat(Fingerprints.distance(a, far)).isGreaterThan(16);
    assertThat(Fingerprints.simhash(TEXT)).isEqualTo(a);
  }
}
