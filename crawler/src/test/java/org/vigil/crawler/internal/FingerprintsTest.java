package org.vigil.crawler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

  /** Values computed by the implementation before its single-pass rewrite (2026-12-05). */
  @Test
  void fingerprintsAreThoseOfTheEarlierImplementation() {
    String[][] pinned = {
      {"", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "0"},
      {
        "Hello",
        "hello",
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        "-1933530071605304633"
      },
      {
        "The quick brown fox jumps over the lazy dog.",
        "the quick brown fox jumps over the lazy dog.",
        "18e8d559417db8a93707c11b11bb90b56638049a5994006ed4b2705e4d86587f",
        "-5249783768062585188"
      },
      {
        "  \u00dcn\u00efc\u00f6d\u00e9   TEXT\u00a0with\u2003spaces\tand\nlines \ufb01 ligature"
            + " \uff21\uff22\uff23  ",
        "\u00fcn\u00efc\u00f6d\u00e9 text with spaces and lines fi ligature abc",
        "a39c32c6bc1fd9a7a3c0f2f07adc4697f620da61184f3ba9413c54d325ae7e49",
        "8575113987230272224"
      },
      {
        "Paragraph one.\n\nParagraph two, with PUNCTUATION!!! and numbers 123 456.",
        "paragraph one. paragraph two, with punctuation!!! and numbers 123 456.",
        "274f1cd1fe76d2f09ffedc481642dae8dbc6fd573597e4dad9ddd1e5ccf36ca4",
        "5920655445362525340"
      }
    };
    for (String[] p : pinned) {
      assertThat(Fingerprints.normalize(p[0])).as(p[0]).isEqualTo(p[1]);
      assertThat(Fingerprints.of(p[0]))
          .as(p[0])
          .isEqualTo(new Fingerprints.Pair(p[2], Long.parseLong(p[3])));
      assertThat(Fingerprints.contentHash(p[0])).as(p[0]).isEqualTo(p[2]);
      assertThat(Fingerprints.simhash(p[0])).as(p[0]).isEqualTo(Long.parseLong(p[3]));
    }
  }

  /**
   * The single-pass ASCII path and the packed SimHash counters give what the earlier implementation
   * ({@link FingerprintsReference}) gives, on random texts of every kind: ASCII with all control
   * and space chars, upper case, punctuation, non-ASCII letters, ligatures, and texts long enough
   * (thousands of shingles) for the counters to be flushed many times.
   */
  @Test
  void matchTheEarlierImplementationOnRandomTexts() {
    Random random = new Random(20261205);
    String[] alphabets = {
      "abcdefghijklmnopqrstuvwxyz ",
      "abcXYZ019 .,;!?'\"-_\t\n\r\u000b\f\u001c\u001d\u001e\u001f\u0000\u0007~",
      "aBc dEf Gh \u00e9\u00c9\u00df\u0130\u0131\u00a0\u2003\u2028\ufb01\uff21\u0416 \u4e2d\u6587 x",
      "\u0000\u0001\u007f\u0080\u00ff   \t\t\n"
    };
    List<String> texts =
        new ArrayList<>(List.of("", " ", "\t\n", "a", "a b", "a b c", "A  B\tC\nD"));
    for (int i = 0; i < 200; i++) {
      String alphabet = alphabets[i % alphabets.length];
      int length = i % 25 == 0 ? 20_000 + random.nextInt(20_000) : random.nextInt(400);
      StringBuilder text = new StringBuilder(length);
      for (int k = 0; k < length; k++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      texts.add(text.toString());
    }
    for (String text : texts) {
      String expectedNormal = FingerprintsReference.normalize(text);
      String expectedHash = FingerprintsReference.contentHash(text);
      long expectedSimhash = FingerprintsReference.simhash(text);
      assertThat(Fingerprints.normalize(text)).isEqualTo(expectedNormal);
      assertThat(Fingerprints.of(text))
          .isEqualTo(new Fingerprints.Pair(expectedHash, expectedSimhash));
      assertThat(Fingerprints.contentHash(text)).isEqualTo(expectedHash);
      assertThat(Fingerprints.simhash(text)).isEqualTo(expectedSimhash);
    }
  }
}
