package org.vigil.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Removes what a test created on a shared cluster: its prefix's indices and index templates. */
public final class TestIndices {
  private TestIndices() {}

  /**
   * Deletes the indices and index templates named {@code prefix-*}, one index by name at a time
   * (clusters refuse wildcard index deletes by default).
   */
  public static void drop(String esUrl, String prefix) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    String names =
        http.send(
                HttpRequest.newBuilder(URI.create(esUrl + "/_cat/indices/" + prefix + "-*?h=index"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    for (String index : names.split("\\s+")) {
      if (index.startsWith(prefix + "-")) {
        delete(http, esUrl + "/" + index);
      }
    }
    delete(http, esUrl + "/_index_template/" + prefix + "-*");
  }

  private static void delete(HttpClient http, String url) throws IOException, InterruptedException {
    http.send(
        HttpRequest.newBuilder(URI.create(url)).DELETE().build(),
        HttpResponse.BodyHandlers.discarding());
  }
}
