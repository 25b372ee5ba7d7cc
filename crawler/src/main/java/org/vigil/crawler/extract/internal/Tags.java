package org.vigil.crawler.extract.internal;

import java.util.Set;

/** Tag classes used by the scorer and the renderer. */
final class Tags {
  private static final Set<String> BLOCK =
      Set.of(
          "p",
          "div",
          "section",
          "article",
          "main",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "ul",
          "ol",
          "li",
          "dl",
          "dt",
          "dd",
          "blockquote",
          "pre",
          "table",
          "tr",
          "figure",
          "figcaption",
          "header",
          "footer",
          "address",
          "hr",
          "form",
          "fieldset",
          "center",
          "details",
          "summary",
          "aside",
          "nav",
          "caption",
          "tbody",
          "thead",
          "tfoot",
          "body",
          "html");

  private Tags() {}

  static boolean isBlock(String tag) {
    return BLOCK.contains(tag);
  }

  static boolean isHeading(String tag) {
    return tag.length() == 2
        && tag.charAt(0) == 'h'
        && tag.charAt(1) >= '1'
        && tag.charAt(1) <= '6';
  }
}
