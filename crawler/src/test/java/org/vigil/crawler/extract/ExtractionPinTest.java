package org.vigil.crawler.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.model.ExtractedContent;
import org.vigil.model.Passage;

/**
 * Pins what extraction returns (every field) on the fixtures and on generated pages, to the values
 * the implementation gave before the crawl-stage CPU work of 2026-12-05 (Text rendering by runs,
 * paragraph splitting and language subtags without regexes): a refactoring for speed must not
 * change a single character. When extraction is meant to change, print {@link #digests()} and
 * update the pins.
 */
class ExtractionPinTest {
  static final String[] FIXTURES = {
    "article.html",
    "cyrillic-cp1251-undeclared.html",
    "cyrillic-cp1251.html",
    "cyrillic-koi8r-undeclared.html",
    "cyrillic-utf8.html",
    "forum-tables.html",
    "forum.html",
    "malformed.html"
  };

  static final List<String> PINNED =
      List.of(
          "article.html 85becbc1ba81b121",
          "cyrillic-cp1251-undeclared.html cf4e57902f95e197",
          "cyrillic-cp1251.html cf4e57902f95e197",
          "cyrillic-koi8r-undeclared.html cf4e57902f95e197",
          "cyrillic-utf8.html cf4e57902f95e197",
          "forum-tables.html 9fbdb01af3115e8e",
          "forum.html ac4b52bad3d3bd40",
          "malformed.html 96296d8351e22c15",
          "generated-0 f4d14228907b8f60",
          "generated-1 56cb0849bb580032",
          "generated-2 8d7d5b84b7ad07a2",
          "generated-3 8cb7a0f6b35cc2e9",
          "generated-4 8961d1afabf5cb71",
          "generated-5 3b1c4ff6042ce2a9",
          "generated-6 a8c55f7d92c0b7d6",
          "generated-7 b12a5e2d9688ec0f",
          "generated-8 e6af45f5cab5d1ba",
          "generated-9 06a444d1421c0756",
          "generated-10 c20f5c216bb949c1",
          "generated-11 355d435335fada87",
          "generated-12 16bb9b0e515f4a04",
          "generated-13 fed42259a9ae78d8",
          "generated-14 e46689b74889a3da",
          "generated-15 9a41735c779ea3fc",
          "generated-16 a67b2142fa3e6a1f",
          "generated-17 2163ef65f0b2b4cd",
          "generated-18 ff5fb8b970ffc2a5",
          "generated-19 60a39cf557cc2c8e",
          "generated-20 8ba8158f408bd167",
          "generated-21 dd406938b271989c",
          "generated-22 c0471f048ee0d2fe",
          "generated-23 46788070ccb7eddb",
          "generated-24 f2a5d9c1f102dc11",
          "generated-25 3045e1bb272e09de",
          "generated-26 937ddf97d9684320",
          "generated-27 fada877333a5d6a1",
          "generated-28 17eae17866aef689",
          "generated-29 d1cb533903bb4ad3",
          "generated-30 4abf596c3fd90587",
          "generated-31 fd5ee3db8ad68f16",
          "generated-32 661d7b2b78bed86e",
          "generated-33 a82893740baecf13",
          "generated-34 ce897884375c0c3d",
          "generated-35 93f4a4cffb6bae73",
          "generated-36 93f99400b9d78ff0",
          "generated-37 e823660bfe826ef4",
          "generated-38 8e073207ada954bf",
          "generated-39 b263a9b855794cad");

  @Test
  void extractionIsUnchanged() throws IOException {
    assertThat(digests()).isEqualTo(PINNED);
  }

  /**
   * Root-relative links are resolved without {@link java.net.URL} now; on random hrefs and bases
   * the result is the earlier one ({@link #absoluteByUrl}).
   */
  @Test
  void linksResolveAsWithUrl() throws Exception {
    String[] bases = {
      "https://site.example/x/y",
      "http://127.0.0.1:8080/p/1.html?q=1#f",
      "http://u:p@h.example/",
      "https://H.Example:443/a/",
      "ftp://files.example/x",
      "file:/tmp/x.html",
      "http://h.example"
    };
    String[] parts = {
      "/",
      "//",
      "p",
      "1.html",
      ".",
      "..",
      "./",
      "../",
      "/.",
      "?",
      "#",
      "a=b",
      "&",
      " ",
      "%20",
      "%",
      "\\",
      ":",
      "@",
      "é",
      "|",
      "~",
      "'",
      "(",
      "*",
      "x.y",
      "..x",
      "\t",
      "javascript:",
      "HTTP://a/"
    };
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder href = new StringBuilder(i % 5 == 0 ? "" : "/");
      int n = random.nextInt(7);
      for (int k = 0; k < n; k++) {
        href.append(parts[random.nextInt(parts.length)]);
      }
      java.net.URL base = new java.net.URL(bases[i % bases.length]);
      String h = href.toString();
      assertThat(Extractor.absolute(base, h))
          .as(base + " + " + h)
          .isEqualTo(absoluteByUrl(base, h));
    }
  }

  /** {@link Extractor#absolute} as it was before 2026-12-05: every relative link through URL. */
  static String absoluteByUrl(java.net.URL base, String href) {
    String h = href.strip();
    if (h.isEmpty()) {
      return null;
    }
    for (int i = 0; i < h.length(); i++) {
      if (h.charAt(i) < 0x20) {
        h = h.replaceAll("[\\x00-\\x1f]", "");
        break;
      }
    }
    if (h.regionMatches(true, 0, "http://", 0, 7) || h.regionMatches(true, 0, "https://", 0, 8)) {
      return h.indexOf(' ') < 0 ? h : h.replace(" ", "%20");
    }
    int q = h.indexOf('?');
    int s = h.indexOf('/');
    int first = Math.min(q < 0 ? h.length() : q, s < 0 ? h.length() : s);
    if (base == null || h.indexOf(':') > 0 && !h.startsWith("/") && h.indexOf(':') < first) {
      return null;
    }
    try {
      String abs = new java.net.URL(base, h.replace(" ", "%20")).toExternalForm();
      return abs.startsWith("http://") || abs.startsWith("https://") ? abs : null;
    } catch (java.net.MalformedURLException e) {
      return null;
    }
  }

  static List<String> digests() throws IOException {
    List<String> out = new ArrayList<>();
    for (String name : FIXTURES) {
      ExtractedContent c =
          Extractor.extract(ExtractorTest.fixture(name), "text/html", "https://site.example/x/y");
      out.add(name + " " + digest(c));
    }
    Random random = new Random(20261205);
    for (int i = 0; i < 40; i++) {
      out.add(
          "generated-"
              + i
              + " "
              + digest(Extractor.extract(page(random, i), "https://g.example/p/" + i)));
    }
    return out;
  }

  private static final String[] WORDS = {
    "the", "harbour", "council", "said", "on", "Tuesday", "that", "repairs", "would", "continue",
    "into", "spring", "while", "traffic", "returns", "élan", "naïve", "Straße", "город", "新闻"
  };
  private static final String[] SPACES = {" ", " ", " ", "\n", "\t", "\u00a0", "\u2009", "  "};
  private static final String[] LABELS = {
    "Advertisement",
    "Related: more news",
    "READ MORE: other",
    "You may also like",
    "Trending",
    "Story continues below",
    "Don't miss",
    "Follow us on Twitter",
    "Sign up for our newsletter"
  };
  private static final String[] LANGS = {
    "en", "en-GB", " fr_FR ", "de;q=1", "EN", "e", "zh-Hant", ",en", "pt,br", "es\tx", "", "ukr"
  };

  static String page(Random random, int i) {
    StringBuilder html = new StringBuilder("<!doctype html><html");
    if (i % 3 != 2) {
      html.append(" lang=\"").append(LANGS[random.nextInt(LANGS.length)]).append('"');
    }
    html.append("><head><title>Page ").append(i).append("</title>");
    if (i % 4 == 1) {
      html.append("<meta property=\"og:locale\" content=\"")
          .append(LANGS[random.nextInt(LANGS.length)])
          .append("\">");
    }
    html.append("</head><body><nav><a href=\"/\">Home</a> <a href=\"/p/").append(i + 1);
    html.append(".html\">Next</a> <a href=\"../up/./x.html?b=2&a=1#top\">Up</a></nav>");
    html.append("<main><article><h1>Heading ").append(i).append("</h1>");
    int paragraphs = 2 + random.nextInt(8);
    for (int p = 0; p < paragraphs; p++) {
      int kind = random.nextInt(10);
      if (kind == 0) {
        html.append("<p>").append(LABELS[random.nextInt(LABELS.length)]).append("</p>");
        continue;
      }
      String tag = kind == 1 ? "pre" : kind == 2 ? "div" : "p";
      html.append('<').append(tag).append('>');
      int words = 5 + random.nextInt(80);
      for (int w = 0; w < words; w++) {
        html.append(WORDS[random.nextInt(WORDS.length)]);
        int sep = random.nextInt(30);
        if (sep == 0) {
          html.append("<br>");
        } else if (sep == 1) {
          html.append("<br><br>");
        } else if (sep == 2) {
          html.append(". <b>bold</b>, ");
        } else if (sep == 3) {
          html.append(" <a href=\"/w/").append(w).append("\">link ").append(w).append("</a> ");
        } else if (sep == 4) {
          html.append("<table><tr><td>cell</td><td>").append(w).append("</td></tr></table>");
        } else {
          html.append(SPACES[random.nextInt(SPACES.length)]);
        }
      }
      html.append("</").append(tag).append('>');
    }
    html.append("</article></main><footer>Footer text</footer></body></html>");
    return html.toString();
  }

  static String digest(ExtractedContent c) {
    StringBuilder s = new StringBuilder();
    s.append(c.title()).append('\u0001').append(c.text()).append('\u0001');
    for (Passage p : c.passages()) {
      s.append(p.text()).append('\u0002').append(p.author()).append('\u0002');
      s.append(p.published()).append('\u0003');
    }
    s.append('\u0001').append(c.language()).append('\u0001').append(c.author());
    s.append('\u0001').append(c.published()).append('\u0001').append(c.canonicalUrl());
    s.append('\u0001').append(String.join("\u0002", c.outlinks()));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(s.toString().getBytes(StandardCharsets.UTF_8)))
          .substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Prints the current digests in the form of {@link #PINNED}. */
  public static void main(String[] args) throws IOException {
    for (String d : digests()) {
      System.out.println("\"" + d + "\",");
    }
  }
}
