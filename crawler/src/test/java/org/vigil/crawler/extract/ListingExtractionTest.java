package org.vigil.crawler.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Pages that are not articles (home, tag, author and list pages of a generated site, modelled on a
 * Hugo "Academic" theme site): their text keeps the headings and the titles of what they list, not
 * a biography box or the theme's footer line. Article pages are unaffected ({@code
 * ExtractionPinTest}, and the dev-set F1 in bench/extract/README.md).
 */
class ListingExtractionTest {
  static final String NAV =
      "<nav class=\"navbar\"><a href=\"/\">Lenbridge History Project</a><ul>"
          + "<li><a href=\"/post/\">Posts</a></li><li><a href=\"/authors/\">People</a></li>"
          + "<li><a href=\"/tags/\">Tags</a></li></ul></nav>";
  static final String FOOTER =
      "<footer class=\"site-footer\"><p class=\"powered-by\">Powered by the Academic theme for"
          + " Hugo.</p></footer>";

  static String page(String title, String main) {
    return "<!doctype html><html><head><title>"
        + title
        + "</title></head><body>"
        + NAV
        + main
        + FOOTER
        + "</body></html>";
  }

  static String item(String slug, String title, String summary) {
    return "<div class=\"media stream-item\"><div class=\"media-body\"><h3 class=\"article-title\">"
        + "<a href=\"/post/"
        + slug
        + "/\">"
        + title
        + "</a></h3><div class=\"article-style\">"
        + summary
        + "</div><div class=\"stream-meta article-metadata\"><span>Mar 3, 2021</span></div>"
        + "</div></div>";
  }

  static final String POSTS =
      item("mill-strike", "The mill strike of 1911", "Weavers walked out over the new looms.")
          + item("river-trade", "River trade before the railway", "Barges carried coal and wool.")
          + item(
              "chapel-records", "What the chapel records tell us", "Baptisms, marriages, burials.");

  @Test
  void aTagPageKeepsItsTitleAndTheTitlesOfItsPostsNotTheFooter() {
    String html =
        page(
            "Industry | Lenbridge History Project",
            "<div class=\"universal-wrapper pt-3\"><h1>Industry</h1></div>"
                + "<div class=\"universal-wrapper\">"
                + POSTS
                + "</div>");
    String text = Extractor.extract(html, "https://history.example/tags/industry/").text();
    assertThat(text)
        .contains("Industry", "The mill strike of 1911", "River trade before the railway")
        .contains("What the chapel records tell us")
        .doesNotContain("Powered by", "People");
  }

  @Test
  void aHomePageKeepsTheSiteDescriptionAndRecentPostsNotOnlyTheBiographyBox() {
    String bio =
        "<section id=\"about\" class=\"home-section\"><div class=\"row\"><div class=\"col-4\">"
            + "<div id=\"profile\"><h2>Dr Ann Marsh</h2><h3>Project lead</h3>"
            + "<ul class=\"network-icon\"><li><a href=\"mailto:a@example.org\">mail</a></li></ul>"
            + "</div></div><div class=\"col-8\"><h1>Biography</h1><p>Ann Marsh is a historian of"
            + " the industrial north, with a particular interest in textile towns, their chapels"
            + " and their trade unions, and in how ordinary people recorded their lives. She has"
            + " taught local history for twenty years, written two books on the mills of the"
            + " valley, and leads the volunteers of this project, who transcribe parish records,"
            + " letters and minute books.</p></div></div></section>";
    String hero =
        "<section id=\"hero\" class=\"home-section\"><h1>Lenbridge History Project</h1>"
            + "<p>A volunteer archive of the town's mills, chapels and river trade.</p></section>";
    String recent =
        "<section id=\"posts\" class=\"home-section\"><h1>Recent Posts</h1>" + POSTS + "</section>";
    String html = page("Lenbridge History Project", hero + bio + recent);
    String text = Extractor.extract(html, "https://history.example/").text();
    assertThat(text)
        .contains("A volunteer archive of the town's mills", "Recent Posts")
        .contains("The mill strike of 1911", "What the chapel records tell us")
        .doesNotContain("Powered by");
  }

  @Test
  void anAuthorPageKeepsTheNameAndThePostList() {
    String html =
        page(
            "Tom Reed | Lenbridge History Project",
            "<div class=\"article-container\"><h1>Tom Reed</h1><p>Volunteer.</p>"
                + "<h2>Latest</h2><ul><li><a href=\"/post/mill-strike/\">The mill strike of"
                + " 1911</a></li><li><a href=\"/post/river-trade/\">River trade before the"
                + " railway</a></li></ul></div>");
    String text = Extractor.extract(html, "https://history.example/authors/tom-reed/").text();
    assertThat(text)
        .contains("Tom Reed", "The mill strike of 1911", "River trade before the railway")
        .doesNotContain("Powered by");
  }
}
