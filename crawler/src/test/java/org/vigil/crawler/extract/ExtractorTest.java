package org.vigil.crawler.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vigil.model.ExtractedContent;
import org.vigil.model.Passage;

class ExtractorTest {
  static byte[] fixture(String name) throws IOException {
    try (InputStream in = ExtractorTest.class.getResourceAsStream("/extract/" + name)) {
      if (in == null) {
        throw new IOException("missing fixture " + name);
      }
      return in.readAllBytes();
    }
  }

  @Test
  void articleKeepsBodyHeadingsAndListsInOrder() throws IOException {
    ExtractedContent c =
        Extractor.extract(fixture("article.html"), "text/html", "https://news.example/a/1");
    String text = c.text();
    assertThat(text)
        .contains("The old harbour bridge reopened to traffic on Tuesday morning")
        .contains("Traffic returns to the old town")
        .contains("Weight limit raised to 18 tonnes")
        .contains("repair budget would be reviewed");
    assertThat(text.indexOf("Engineers replaced"))
        .isGreaterThan(text.indexOf("The old harbour bridge"))
        .isLessThan(text.indexOf("Traffic returns"));
    // paragraphs separated by one blank line
    assertThat(text)
        .contains("had expected.\n\nEngineers replaced")
        .contains("Traffic returns to the old town\n\nShop owners");
    assertThat(c.passages()).isEmpty();
  }

  @Test
  void articleDropsBoilerplate() throws IOException {
    String text =
        Extractor.extract(fixture("article.html"), null, "https://news.example/a/1").text();
    assertThat(text)
        .doesNotContain("cookies")
        .doesNotContain("Sport")
        .doesNotContain("Share on Social")
        .doesNotContain("Ferry timetable")
        .doesNotContain("Related stories")
        .doesNotContain("worst bridge ever")
        .doesNotContain("Storm warning")
        .doesNotContain("buy cheap boats")
        .doesNotContain("newsletter")
        .doesNotContain("All rights reserved")
        .doesNotContain("By Jane Fielding")
        .doesNotContain("Read more")
        .doesNotContain("Ferry services suspended")
        .doesNotContain("Follow us on Twitter")
        .doesNotContain("two dogs")
        .doesNotContainIgnoringCase("advertisement");
  }

  @Test
  void articleMetadataFromJsonLdMetaAndLinks() throws IOException {
    ExtractedContent c =
        Extractor.extract(fixture("article.html"), null, "https://news.example/a/1");
    assertThat(c.title()).isEqualTo("Harbour bridge reopens after repairs");
    assertThat(c.author()).isEqualTo("Jane Fielding, Omar Haddad");
    assertThat(c.published()).isEqualTo(Instant.parse("2024-03-05T08:30:00Z"));
    assertThat(c.language()).isEqualTo("en");
    assertThat(c.canonicalUrl()).isEqualTo("https://news.example/news/bridge-reopens");
    assertThat(c.outlinks())
        .startsWith("https://news.example/privacy", "https://news.example/")
        .contains("https://news.example/news/budget", "https://social.example/share?u=1")
        .doesNotHaveDuplicates()
        .noneMatch(u -> u.startsWith("mailto:"));
    assertThat(c.outlinks().indexOf("https://news.example/news"))
        .isLessThan(c.outlinks().indexOf("https://news.example/news/budget"));
  }

  @Test
  void metadataFallsBackToMetaTagsAndTimeElement() {
    String html =
        "<html><head><meta name='citation_author' content='Ada Lovelace'>"
            + "<meta name='citation_author' content='Charles Babbage'>"
            + "<meta http-equiv='content-language' content='de-AT'></head><body><article>"
            + "<time datetime='2021-12-24'>Christmas Eve</time><p>Some article text that is long"
            + " enough to be the main content of this small page, with commas, and more.</p>"
            + "</article></body></html>";
    ExtractedContent c = Extractor.extract(html, "https://x.example/");
    assertThat(c.author()).isEqualTo("Ada Lovelace, Charles Babbage");
    assertThat(c.published()).isEqualTo(Instant.parse("2021-12-24T00:00:00Z"));
    assertThat(c.language()).isEqualTo("de");
    assertThat(c.canonicalUrl()).isNull();
    assertThat(c.text()).startsWith("Some article text").doesNotContain("Christmas Eve");
  }

  @Test
  void forumThreadBecomesOnePassagePerPost() throws IOException {
    ExtractedContent c =
        Extractor.extract(
            fixture("forum.html"), "text/html; charset=utf-8", "https://f.example/t/9");
    assertThat(c.passages()).hasSize(3);
    Passage first = c.passages().get(0);
    assertThat(first.author()).isEqualTo("anna_sails");
    assertThat(first.published()).isEqualTo(Instant.parse("2023-06-01T10:15:00Z"));
    assertThat(first.text())
        .startsWith("I have never sailed before")
        .doesNotContain("Fair winds")
        .doesNotContain("anna_sails");
    assertThat(c.passages().get(1).author()).isEqualTo("old_bob");
    assertThat(c.passages().get(2).author()).isEqualTo("chris_k");
    assertThat(c.passages().get(2).published()).isEqualTo(Instant.parse("2023-06-02T08:05:00Z"));
    assertThat(c.text())
        .isEqualTo(String.join("\n\n", c.passages().stream().map(Passage::text).toList()))
        .doesNotContain("Forum rules")
        .doesNotContain("Log in");
  }

  @Test
  void tableLayoutForumPostsWithNumericDates() throws IOException {
    ExtractedContent c =
        Extractor.extract(fixture("forum-tables.html"), null, "https://garden.example/t/5");
    assertThat(c.passages())
        .extracting(Passage::author)
        .containsExactly("GreenThumb", "Marigold", "GreenThumb");
    assertThat(c.passages().get(0).text()).startsWith("My broad beans keep getting black fly");
    assertThat(c.passages().get(1).published()).isEqualTo(Instant.parse("2012-06-02T08:03:00Z"));
    assertThat(c.passages().get(0).published()).isEqualTo(Instant.parse("2012-06-01T22:15:00Z"));
    assertThat(c.text()).doesNotContain("Senior Member").doesNotContain("All times are GMT");
  }

  @Test
  void brSeparatedArticleBeatsSidebarOfShortParagraphs() {
    String para = "This sentence belongs to the article, and it has commas, words and a point. ";
    StringBuilder html = new StringBuilder("<html><body><div class='wrap'><div class='txt'>");
    for (int i = 0; i < 8; i++) {
      html.append(para.repeat(3)).append("<br><br>");
    }
    html.append("</div><div class='side'>");
    for (int i = 0; i < 6; i++) {
      html.append("<div><p>Short teaser number ").append(i).append(", read it, now.</p></div>");
    }
    html.append("</div></div></body></html>");
    String text = Extractor.extract(html.toString(), null).text();
    assertThat(text).startsWith("This sentence belongs").doesNotContain("teaser");
    assertThat(text.split("\n\n")).hasSize(8);
  }

  @Test
  void blogPostWithLongCommentThreadKeepsThePostAsFirstPassage() {
    StringBuilder html =
        new StringBuilder(
            "<html><body><div class='post-body'><h1>Why I moved to the coast</h1><p>"
                + "After ten years in the city, I finally moved to the coast, and this post"
                + " explains why, what it cost, and what I would do differently next time.</p>"
                + "<p>The short version: the sea air, the slower pace, and a house with a garden"
                + " that costs less than my old flat, even after the long commute.</p><p>Would I"
                + " do it again? Yes, but I would rent for a winter first, and learn the tides.</p>"
                + "</div>"
                + "<ol class='comment-list'>");
    for (int i = 1; i <= 4; i++) {
      html.append("<li class='comment'><span class='comment-author'>reader")
          .append(i)
          .append("</span> <time datetime='2024-01-0")
          .append(i)
          .append("T10:00:00Z'>Jan ")
          .append(i)
          .append("</time><div class='comment-content'><p>")
          .append("Comment number ")
          .append(i)
          .append(" says the move sounds lovely, but the winters by the sea can be long and")
          .append(" grey, and the trains are slow, and the shops close early. ".repeat(3))
          .append("</p></div></li>");
    }
    html.append("</ol></body></html>");
    ExtractedContent c = Extractor.extract(html.toString(), "https://blog.example/p/1");
    assertThat(c.passages()).hasSize(5);
    assertThat(c.passages().get(0).text()).startsWith("After ten years in the city");
    assertThat(c.passages().get(1).author()).isEqualTo("reader1");
    assertThat(c.passages().get(4).published()).isEqualTo(Instant.parse("2024-01-04T10:00:00Z"));
    assertThat(c.text()).startsWith("After ten years").contains("Comment number 4 says");
  }

  @Test
  void articleWithCommentsIsNotAThread() throws IOException {
    assertThat(Extractor.extract(fixture("article.html"), null, null).passages()).isEmpty();
  }

  @Test
  void cyrillicInUtf8AndWindows1251ComeOutTheSame() throws IOException {
    String expected = "Сегодня в городе открылся новый мост через реку";
    for (String f :
        new String[] {
          "cyrillic-utf8.html",
          "cyrillic-cp1251.html",
          "cyrillic-cp1251-undeclared.html",
          "cyrillic-koi8r-undeclared.html"
        }) {
      ExtractedContent c = Extractor.extract(fixture(f), "text/html", "https://ru.example/");
      assertThat(c.text()).as(f).contains(expected).contains("сообщили в мэрии");
      assertThat(c.title()).as(f).isEqualTo("Новости");
    }
  }

  @Test
  void headerCharsetIsUsedWhenThePageDeclaresNone() throws IOException {
    byte[] body = fixture("cyrillic-cp1251-undeclared.html");
    assertThat(Extractor.detectCharset(body, "text/html; charset=windows-1251").name())
        .isEqualTo("windows-1251");
    assertThat(Extractor.extract(body, "text/html; charset=windows-1251", null).text())
        .contains("Строительство продолжалось два года");
  }

  @Test
  void binaryInputIsRefusedWithOneLineMessage() throws IOException {
    byte[] png = fixture("binary.png");
    assertThatThrownBy(() -> Extractor.extract(png, null, "https://x.example/logo"))
        .isInstanceOf(ExtractionException.class)
        .hasMessage("https://x.example/logo: not a text document (PNG data)");
    assertThatThrownBy(() -> Extractor.extract(png, "image/png", null))
        .isInstanceOf(ExtractionException.class)
        .hasMessageContaining("image/png")
        .hasMessageNotContaining("\n");
    byte[] junk = new byte[512];
    for (int i = 0; i < junk.length; i++) {
      junk[i] = (byte) (i * 7 + 1);
    }
    junk[100] = 0;
    assertThatThrownBy(() -> Extractor.extract(junk, "application/octet-stream", "u"))
        .isInstanceOf(ExtractionException.class)
        .hasMessageContaining("not a text document");
    assertThatThrownBy(() -> Extractor.extract("abc\u0000\u0001\u0002", "u"))
        .isInstanceOf(ExtractionException.class);
  }

  @Test
  void malformedHtmlIsHandledLeniently() throws IOException {
    ExtractedContent c = Extractor.extract(fixture("malformed.html"), null, null);
    assertThat(c.text())
        .contains("This paragraph is never closed")
        .contains("Second paragraph with badly nested tags, an unclosed span");
    assertThat(Extractor.extract("", null).text()).isEmpty();
    assertThat(Extractor.extract("<<<>>><p", null).title()).isEmpty();
    assertThat(Extractor.extract("just some plain words", null).text())
        .isEqualTo("just some plain words");
  }

  @Test
  void wrongArgumentsAreRejected() {
    assertThatThrownBy(() -> Extractor.extract((byte[]) null, null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("body");
    assertThatThrownBy(() -> Extractor.extract((String) null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("html");
  }

  @Test
  void jsonLdArticleBodyRescuesScriptRenderedPages() {
    String body =
        "First paragraph of the article, rendered by script on the real page. ".repeat(4)
            + "\n"
            + "Second paragraph, also only in the structured data. ".repeat(4);
    String html =
        "<html><head><script type='application/ld+json'>{\"@type\":\"Article\",\"articleBody\":"
            + "\""
            + body.replace("\n", "\\n")
            + "\"}</script></head><body><div id='app'>Loading…</div>"
            + "<ul class='menu'><li><a href='/a'>Home</a></li></ul></body></html>";
    String text = Extractor.extract(html, null).text();
    assertThat(text).startsWith("First paragraph").contains("\n\nSecond paragraph");
  }

  @Test
  void mislabelledUtf8IsDecodedAsUtf8() {
    byte[] utf8 = "<p>Grüße aus Köln – schön</p>".getBytes(StandardCharsets.UTF_8);
    assertThat(Extractor.detectCharset(utf8, "text/html; charset=ISO-8859-1"))
        .isEqualTo(StandardCharsets.UTF_8);
    byte[] latin = "<p>Grüße aus Köln</p>".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(Extractor.detectCharset(latin, null).name()).isEqualTo("windows-1252");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '<', 'p', '>', 'x'};
    assertThat(Extractor.detectCharset(bom, "text/html; charset=windows-1251"))
        .isEqualTo(StandardCharsets.UTF_8);
    assertThat(Extractor.extract(bom, null, null).text()).isEqualTo("x");
  }
}
