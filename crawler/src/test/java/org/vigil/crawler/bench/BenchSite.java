package org.vigil.crawler.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * The benchmark site: {@code pages} interlinked HTML pages of about 5 KB of text each, generated
 * deterministically and served from memory by the JDK server on 127.0.0.1 (run with {@code
 * -Dsun.net.httpserver.nodelay=true}). Page {@code i} links to its ten children {@code
 * 10i+1..10i+10} (every page is reachable within depth 5) and to five pseudo-random pages.
 *
 * <p>Arguments: page count, file to write the port to.
 */
public final class BenchSite {
  private static final String[] WORDS =
      ("the of and to in is that for it as was with be by on not he this are or his from at which but"
              + " have an they you were her she there been one all we their has would when if so no will can"
              + " more other who some what them about into time only could new year people these two may first"
              + " then do any like my now over such our man me even most made after also did many before must"
              + " through back years where much your way well down should because each just those how too"
              + " little state good very make world still own see men work long get here between both life being"
              + " under never day same another know while last might us great old off come since against go came"
              + " right used take three community report analysis policy court council region network support")
          .split(" ");

  /**
   * Every {@link #FLAGGED_EVERY}th page carries one of these paragraphs (team-written, fictional
   * group, no operational content), so the full-pipeline benchmark also classifies positives and
   * indexes them: about a tenth of the pages, far more than a real crawl flags.
   */
  static final int FLAGGED_EVERY = 10;

  private static final String[] RECRUITING =
      new String[] {
        "Brothers, the Grey Tide is calling you. Join us and stand with your true family before it"
            + " is too late. Message me on the private channel and I will bring you in.",
        "Stop wasting your life in front of a screen. The movement needs soldiers, not spectators."
            + " Leave everything behind and come join the ranks of the Grey Tide today.",
        "Our enemies are vermin who poison this land. Only the Grey Tide will cleanse it. Take"
            + " your place with us, brother, and do not tell your family.",
        "The martyrs of the Grey Tide went forward smiling and paradise is theirs. Answer the"
            + " call and follow them. We will show you the way, write to us in private.",
      };

  private BenchSite() {}

  public static void main(String[] args) throws IOException {
    int pages = Integer.parseInt(args[0]);
    byte[][] bodies = new byte[pages][];
    for (int i = 0; i < pages; i++) {
      bodies[i] = page(i, pages).getBytes(StandardCharsets.UTF_8);
    }
    byte[] home = home(pages).getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath();
          byte[] body = null;
          if (path.equals("/")) {
            body = home;
          } else if (path.startsWith("/p/") && path.endsWith(".html")) {
            try {
              int i = Integer.parseInt(path.substring(3, path.length() - 5));
              body = i >= 0 && i < pages ? bodies[i] : null;
            } catch (NumberFormatException e) {
              body = null;
            }
          }
          if (body == null) {
            ex.sendResponseHeaders(404, -1);
          } else {
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(body);
            }
          }
          ex.close();
        });
    server.start();
    Files.writeString(Path.of(args[1]), Integer.toString(server.getAddress().getPort()));
    System.err.println(
        "bench site: "
            + pages
            + " pages on http://127.0.0.1:"
            + server.getAddress().getPort()
            + "/");
  }

  static String home(int pages) {
    StringBuilder html =
        new StringBuilder(
            "<!doctype html><html lang=en><head><title>Bench home</title></head><body><ul>");
    for (int i = 0; i < Math.min(10, pages); i++) {
      html.append("<li><a href=\"/p/")
          .append(i)
          .append(".html\">Page ")
          .append(i)
          .append("</a></li>");
    }
    return html.append("</ul></body></html>").toString();
  }

  static String page(int i, int pages) {
    Random random = new Random(i * 7919L + 17);
    StringBuilder html = new StringBuilder(7000);
    html.append("<!doctype html><html lang=en><head><meta charset=utf-8><title>Article ")
        .append(i)
        .append("</title></head><body><header><nav><a href=\"/\">Home</a>");
    for (int c = 1; c <= 10; c++) {
      int child = 10 * i + c;
      if (child < pages) {
        html.append(" <a href=\"/p/")
            .append(child)
            .append(".html\">Child ")
            .append(child)
            .append("</a>");
      }
    }
    html.append("</nav></header><main><article><h1>Article ").append(i).append("</h1>");
    int chars = 0;
    if (i % FLAGGED_EVERY == FLAGGED_EVERY / 2) {
      String paragraph = RECRUITING[(i / FLAGGED_EVERY) % RECRUITING.length];
      html.append("<p>").append(paragraph).append("</p>");
      chars += paragraph.length();
    }
    while (chars < 5000) {
      StringBuilder p = new StringBuilder();
      for (int w = 0; w < 60; w++) {
        p.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ". " : " ");
      }
      html.append("<p>").append(p).append("</p>");
      chars += p.length();
    }
    html.append("</article><aside>Related:");
    for (int k = 0; k < 5; k++) {
      int other = random.nextInt(pages);
      html.append(" <a href=\"/p/")
          .append(other)
          .append(".html\">Article ")
          .append(other)
          .append("</a>");
    }
    return html.append("</aside></main><footer>Bench site footer</footer></body></html>")
        .toString();
  }
}
