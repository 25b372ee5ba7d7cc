package org.vigil.crawler.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small lenient parsers behind metadata and charset detection. */
class ParsersTest {
  @Test
  void datesInTheFormatsPagesUse() {
    assertThat(Dates.parse("2019-11-19T08:03:00Z"))
        .isEqualTo(Instant.parse("2019-11-19T08:03:00Z"));
    assertThat(Dates.parse("2019-11-19T08:03:00.123-05:00"))
        .isEqualTo(Instant.parse("2019-11-19T13:03:00Z"));
    assertThat(Dates.parse("2019-11-19T08:03:00+0100"))
        .isEqualTo(Instant.parse("2019-11-19T07:03:00Z"));
    assertThat(Dates.parse("2019-11-19")).isEqualTo(Instant.parse("2019-11-19T00:00:00Z"));
    assertThat(Dates.parse("Tue, 19 Nov 2019 08:03:00 GMT"))
        .isEqualTo(Instant.parse("2019-11-19T08:03:00Z"));
    assertThat(Dates.parse("Posted November 5, 2019 at 3:07 pm"))
        .isEqualTo(Instant.parse("2019-11-05T15:07:00Z"));
    assertThat(Dates.parse("5 Nov 2019 10:30")).isEqualTo(Instant.parse("2019-11-05T10:30:00Z"));
    assertThat(Dates.parse("24.12.2021")).isEqualTo(Instant.parse("2021-12-24T00:00:00Z"));
    assertThat(Dates.parse("20191105")).isEqualTo(Instant.parse("2019-11-05T00:00:00Z"));
    assertThat(Dates.epoch("1574150580")).isEqualTo(Instant.parse("2019-11-19T08:03:00Z"));
    assertThat(Dates.parse("yesterday")).isNull();
    assertThat(Dates.parse("2019-13-45")).isNull();
    assertThat(Dates.parse(null)).isNull();
  }

  @Test
  void jsonLdIsReadLeniently() {
    Object v =
        MiniJson.parse(
            "<!-- {\"@type\":[\"NewsArticle\"],\"a\":[1,2.5,true,null,],\"s\":\"x\\u00e9\\n\",} -->");
    assertThat(v).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) v;
    assertThat(m.get("@type")).isEqualTo(List.of("NewsArticle"));
    assertThat(m.get("a")).isEqualTo(java.util.Arrays.asList(1.0, 2.5, true, null));
    assertThat(m.get("s")).isEqualTo("xé\n");
    assertThat(MiniJson.parse("{\"broken\": ")).isNull();
    assertThat(MiniJson.parse("no json here")).isNull();
  }

  @Test
  void singleByteSniffing() {
    Charset cp1251 = Charset.forName("windows-1251");
    Charset koi8 = Charset.forName("KOI8-R");
    String ru = "<p>Привет, мир! Это обычный русский текст для проверки кодировки.</p>";
    assertThat(Charsets.detect(ru.getBytes(cp1251), null)).isEqualTo(cp1251);
    assertThat(Charsets.detect(ru.getBytes(koi8), null)).isEqualTo(koi8);
    String fr = "<p>Le garçon a mangé une crème brûlée à la fenêtre.</p>";
    assertThat(Charsets.detect(fr.getBytes(Charset.forName("windows-1252")), null).name())
        .isEqualTo("windows-1252");
    assertThat(Charsets.detect("<meta charset=\"koi8-r\">".getBytes(koi8), null)).isEqualTo(koi8);
    assertThat(Charsets.detect("plain ascii".getBytes(cp1251), "text/html; charset=bogus-x"))
        .isEqualTo(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void labelLinesAndTrailingCallsToActionAreDropped() {
    String text =
        "First paragraph of the story.\n\nAdvertisement\n\nRelated: Another story entirely"
            + "\n\nSecond paragraph, with the related work of the council.\n\n"
            + "Follow us on Twitter for more.\n\nSign up for our newsletter.";
    assertThat(MainContent.dropTrailingPromos(MainContent.dropLabelLines(text)))
        .isEqualTo(
            "First paragraph of the story.\n\nSecond paragraph, with the related work of the"
                + " council.");
  }

  @Test
  void callsToJoinAndLonePostsAreNeverDroppedAsPromos() {
    assertThat(MainContent.dropTrailingPromos("Follow us on Twitter for more."))
        .isEqualTo("Follow us on Twitter for more.");
    String post = "Brothers, leave your empty life behind.\n\nJoin our ranks, message us today.";
    assertThat(MainContent.dropTrailingPromos(post)).isEqualTo(post);
  }

  /** The regex-free paragraph split gives the parts of String.split("\n\n"), on every shape. */
  @Test
  void paragraphBoundsAreThoseOfSplit() {
    java.util.Random random = new java.util.Random(20261205);
    List<String> texts =
        new java.util.ArrayList<>(List.of("", "\n", "\n\n", "\n\n\n", "a", "a\n\n"));
    texts.addAll(List.of("\n\na", "a\n\n\nb", "a\n\n\n\nb", "a\n\n\n\n", "\n\n\n\n\n"));
    for (int i = 0; i < 2000; i++) {
      StringBuilder t = new StringBuilder();
      int length = random.nextInt(30);
      for (int k = 0; k < length; k++) {
        t.append("ab\n\n\n ".charAt(random.nextInt(6)));
      }
      texts.add(t.toString());
    }
    for (String text : texts) {
      int[] bounds = MainContent.paragraphBounds(text);
      List<String> parts = new java.util.ArrayList<>();
      for (int k = 0; k < bounds.length; k += 2) {
        parts.add(text.substring(bounds[k], bounds[k + 1]));
      }
      assertThat(parts).as(text).isEqualTo(List.of(text.split("\n\n")));
    }
  }

  /** The regex-free primary language subtag is what split("[-_,;\\s]", 2)[0] gave. */
  @Test
  void primarySubtagIsThatOfTheEarlierRegex() {
    String chars = "enEN-_,;  \t\n\u000b\f\r\u001c\u00a0\u2003x";
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 3000; i++) {
      StringBuilder t = new StringBuilder();
      int length = random.nextInt(8);
      for (int k = 0; k < length; k++) {
        t.append(chars.charAt(random.nextInt(chars.length())));
      }
      String lang = t.toString();
      assertThat(Metadata.primarySubtag(lang)).as(lang).isEqualTo(lang.split("[-_,;\\s]", 2)[0]);
    }
  }
}
