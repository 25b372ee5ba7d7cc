package org.vigil.crawler.extract.internal;

import java.util.Locale;
import org.vigil.crawler.extract.ExtractionException;

/** Refuses bodies that are not text (images, PDFs, archives, executables) with a clear reason. */
public final class InputCheck {
  private static final int SNIFF = 4096;

  private InputCheck() {}

  /** Throws {@link ExtractionException} when the content type or the bytes say "binary". */
  public static void requireText(byte[] body, String contentType, String url) {
    String mime = mime(contentType);
    if (mime.startsWith("image/")
        || mime.startsWith("audio/")
        || mime.startsWith("video/")
        || mime.startsWith("font/")
        || mime.equals("application/pdf")
        || mime.equals("application/zip")
        || mime.equals("application/gzip")
        || mime.equals("application/x-gzip")) {
      throw new ExtractionException(url, "not a text document (content type " + mime + ")");
    }
    String magic = magic(body);
    if (magic != null) {
      throw new ExtractionException(url, "not a text document (" + magic + " data)");
    }
    if (Charsets.bom(body) != null && Charsets.bom(body).name().startsWith("UTF-16")) {
      return; // UTF-16 text legitimately contains NUL bytes
    }
    int n = Math.min(body.length, SNIFF);
    int control = 0;
    for (int i = 0; i < n; i++) {
      int b = body[i] & 0xFF;
      if (b == 0) {
        throw new ExtractionException(url, "not a text document (NUL bytes in body)");
      }
      if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) {
        control++;
      }
    }
    if (n > 0 && control * 20 > n) {
      throw new ExtractionException(url, "not a text document (control bytes in body)");
    }
  }

  /** The same check for already decoded text. */
  public static void requireText(String html, String url) {
    int n = Math.min(html.length(), SNIFF);
    int control = 0;
    for (int i = 0; i < n; i++) {
      char c = html.charAt(i);
      if (c == 0) {
        throw new ExtractionException(url, "not a text document (NUL characters in input)");
      }
      if (c < 0x09 || (c > 0x0D && c < 0x20 && c != 0x1B)) {
        control++;
      }
    }
    if (n > 0 && control * 20 > n) {
      throw new ExtractionException(url, "not a text document (control characters in input)");
    }
  }

  private static String mime(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  private static String magic(byte[] b) {
    if (startsWith(b, "%PDF-")) {
      return "PDF";
    }
    if (startsWith(b, "\u0089PNG")) {
      return "PNG";
    }
    if (startsWith(b, "GIF87a") || startsWith(b, "GIF89a")) {
      return "GIF";
    }
    if (startsWith(b, "\u00FF\u00D8\u00FF")) {
      return "JPEG";
    }
    if (startsWith(b, "PK\u0003\u0004")) {
      return "ZIP";
    }
    if (startsWith(b, "\u001F\u008B")) {
      return "gzip";
    }
    if (startsWith(b, "\u007FELF")) {
      return "ELF";
    }
    if (startsWith(b, "RIFF") || startsWith(b, "OggS") || startsWith(b, "ID3")) {
      return "audio/video";
    }
    if (startsWith(b, "wOFF") || startsWith(b, "wOF2")) {
      return "font";
    }
    return null;
  }

  private static boolean startsWith(byte[] b, String latin1) {
    if (b.length < latin1.length()) {
      return false;
    }
    for (int i = 0; i < latin1.length(); i++) {
      if ((b[i] & 0xFF) != latin1.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
