package org.vigil.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class DemoSiteTest {
  private static final String RESOURCES = "org/vigil/cli/demo/";
  private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");
  private static final Pattern TAG = Pattern.compile("(?s)<head>.*?</head>|<[^>]+>");

  private static DemoSite site;
  private static HttpClient client;

  @BeforeAll
  static void start() throws IOException {
    site = DemoSite.start();
    client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @Test
  void bindsLoopbackOnAFreePort() {
    assertThat(site.port()).isPositive();
    assertThat(site.baseUrl()).isEqualTo("http://127.0.0.1:" + site.port());
  }

  @Test
  void startsOnAGivenPortAndNamesABusyPort() throws Exception {
    int port;
    try (DemoSite other = DemoSite.start(0)) {
      port = other.port();
    }
    try (DemoSite fixed = DemoSite.start(port)) {
      assertThat(fixed.port()).isEqualTo(port);
      assertThat(fixed.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
    }
    assertThatThrownBy(() -> DemoSite.start(site.port()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot serve the demo site on 127.0.0.1:" + site.port() + ": ");
    assertThatThrownBy(() -> DemoSite.start(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be between 0 and 65535: -1");
    assertThatThrownBy(() -> DemoSite.start(65_536)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void servesHomePageForRootAndIndexPath() throws Exception {
    HttpResponse<String> root = get("/");
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(root.body()).contains("<h1>Lenbridge Online</h1>");
    assertThat(get("/index.html").body()).isEqualTo(root.body());
    assertThat(get("/news/").body()).contains("Lenbridge Courier: latest news");
  }

  @Test
  void servesEachFileTypeWithItsContentTypeAndLength() throws Exception {
    Map<String, String> types =
        Map.of(
            "/news/trial-verdict.html", "text/html; charset=utf-8",
            "/news/rss.xml", "application/rss+xml; charset=utf-8",
            "/blog/atom.xml", "application/atom+xml; charset=utf-8",
            "/sitemap.xml", "application/xml; charset=utf-8",
            "/robots.txt", "text/plain; charset=utf-8",
            "/assets/style.css", "text/css; charset=utf-8");
    for (var entry : types.entrySet()) {
      HttpResponse<byte[]> response = getBytes(entry.getKey());
      assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(entry.getKey())
          .hasValue(entry.getValue());
      assertThat(response.headers().firstValueAsLong("Content-Length"))
          .as(entry.getKey())
          .hasValue(response.body().length);
    }
  }

  @Test
  void substitutesBaseUrlInSitemapAndFeedsWhichParseAsXml() throws Exception {
    for (String path : List.of("/sitemap.xml", "/news/rss.xml", "/blog/atom.xml", "/robots.txt")) {
      String body = get(path).body();
      assertThat(body).as(path).contains(site.baseUrl() + "/").doesNotContain("{{");
    }
    Document sitemap = parse("/sitemap.xml");
    List<String> locs = texts(sitemap.getElementsByTagNameNS("*", "loc"));
    assertThat(locs).allMatch(loc -> loc.startsWith(site.baseUrl() + "/"));
    assertThat(paths(locs)).containsExactlyInAnyOrderElementsOf(DemoSite.pagePaths());

    Document rss = parse("/news/rss.xml");
    assertThat(rss.getDocumentElement().getTagName()).isEqualTo("rss");
    List<String> rssLinks = texts(rss.getElementsByTagName("link"));
    assertThat(rssLinks).hasSizeGreaterThanOrEqualTo(6);
    assertAllServeHtml(paths(rssLinks));

    Document atom = parse("/blog/atom.xml");
    assertThat(atom.getDocumentElement().getLocalName()).isEqualTo("feed");
    NodeList entries = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
    assertThat(entries.getLength()).isEqualTo(3);
    List<String> atomLinks = new ArrayList<>();
    NodeList links = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link");
    for (int i = 0; i < links.getLength(); i++) {
      atomLinks.add(links.item(i).getAttributes().getNamedItem("href").getNodeValue());
    }
    assertAllServeHtml(paths(atomLinks).stream().filter(p -> p.endsWith(".html")).toList());
  }

  @Test
  void robotsTxtDisallowsTheAdminAreaAndNamesTheSitemap() throws Exception {
    String robots = get("/robots.txt").body();
    assertThat(robots.lines())
        .contains("User-agent: *", "Disallow: " + DemoSite.DISALLOWED_PATH)
        .contains("Sitemap: " + site.baseUrl() + "/sitemap.xml");
    // The disallowed area exists and is linked, so a crawler ignoring robots.txt would fetch it.
    assertThat(get(DemoSite.DISALLOWED_PATH).statusCode()).isEqualTo(200);
    assertThat(get("/").body()).contains("href=\"" + DemoSite.DISALLOWED_PATH + "\"");
    assertThat(DemoSite.pagePaths()).noneMatch(p -> p.startsWith(DemoSite.DISALLOWED_PATH));
  }

  @Test
  void answers404ForMissingFilesAndTheManifest() throws Exception {
    for (String path :
        List.of(
            "/nope.html", "/news/nope.html", "/MANIFEST.txt", "/news/index.htm", "/expected.tsv")) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/plain; charset=utf-8");
    }
  }

  @Test
  void rejectsPathsEscapingTheSiteRoot() throws Exception {
    // Each of these would reach a real classpath resource if the path were resolved naively.
    List<String> escapes =
        List.of(
            "/../DemoSite.class",
            "/news/../../expected.tsv",
            "/%2e%2e/expected.tsv",
            "/..%2fexpected.tsv",
            "/news/..%5C..%5Cexpected.tsv",
            "/./index.html");
    for (String path : escapes) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }
    // The raw paths reached the server unnormalised, so the rejection above is the server's.
    assertThat(site.requestedPaths()).contains("/../DemoSite.class", "/%2e%2e/expected.tsv");
  }

  @Test
  void redirectsADirectoryWithoutTrailingSlash() throws Exception {
    HttpResponse<String> response = get("/forum");
    assertThat(response.statusCode()).isEqualTo(301);
    assertThat(response.headers().firstValue("Location")).hasValue(site.baseUrl() + "/forum/");
  }

  @Test
  void answersHeadWithoutBodyAndRefusesOtherMethods() throws Exception {
    HttpResponse<String> head = send(request("/news/").method("HEAD", noBody()));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValueAsLong("Content-Length"))
        .hasValue(get("/news/").body().getBytes(StandardCharsets.UTF_8).length);

    HttpResponse<String> post = send(request("/news/").POST(noBody()));
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void answersConditionalRequestsWith304() throws Exception {
    HttpResponse<String> first = get("/blog/");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

    assertThat(send(request("/blog/").header("If-None-Match", etag)).statusCode()).isEqualTo(304);
    assertThat(send(request("/blog/").header("If-Modified-Since", lastModified)).statusCode())
        .isEqualTo(304);
    assertThat(send(request("/blog/").header("If-None-Match", "\"other\"")).statusCode())
        .isEqualTo(200);
    assertThat(
            send(request("/blog/").header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"))
                .statusCode())
        .isEqualTo(200);
    assertThat(send(request("/blog/").header("If-Modified-Since", "yesterday")).statusCode())
        .isEqualTo(200);
    assertThat(get("/news/").headers().firstValue("ETag"))
        .isNotEqualTo(first.headers().firstValue("ETag"));
  }

  @Test
  void validatorsStayTheSameFromOneRunToTheNext() throws Exception {
    try (DemoSite other = DemoSite.start()) {
      for (String path : List.of("/news/", "/sitemap.xml")) {
        HttpResponse<String> here = get(path);
        HttpResponse<String> there =
            client.send(
                HttpRequest.newBuilder(URI.create(other.baseUrl() + path)).build(), ofString());
        assertThat(there.headers().firstValue("Last-Modified"))
            .as(path)
            .isEqualTo(here.headers().firstValue("Last-Modified"));
        // The sitemap embeds the base URL, so its bytes and therefore its ETag differ by port.
        boolean samebytes = there.body().equals(here.body());
        assertThat(there.headers().firstValue("ETag").equals(here.headers().firstValue("ETag")))
            .as(path)
            .isEqualTo(samebytes)
            .isEqualTo(path.equals("/news/"));
      }
    }
  }

  @Test
  void servesConcurrentRequests() throws Exception {
    List<String> pages = DemoSite.pagePaths();
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (String page : pages) {
      responses.add(client.sendAsync(request(page).build(), ofString()));
    }
    for (var response : responses) {
      assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void servesEveryManifestPageAsARealLookingPage() throws Exception {
    List<String> pages = DemoSite.pagePaths();
    assertThat(pages).hasSizeGreaterThanOrEqualTo(20).doesNotHaveDuplicates().contains("/");
    for (String path : pages) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).contains("<title>", "<nav", "<footer");
      int words = TAG.matcher(response.body()).replaceAll(" ").strip().split("\\s+").length;
      assertThat(words).as("words on " + path).isBetween(200, 1000);
    }
  }

  @Test
  void manifestListsExactlyTheBundledFiles() throws Exception {
    // The source directory, not target/classes, which keeps files deleted since the last clean.
    Path dir = Path.of(System.getProperty("basedir", "."), "src/main/resources", RESOURCES, "site");
    assertThat(dir).isDirectory();
    List<String> bundled;
    try (Stream<Path> files = Files.walk(dir)) {
      bundled =
          files
              .filter(Files::isRegularFile)
              .map(f -> dir.relativize(f).toString().replace('\\', '/'))
              .filter(f -> !f.equals("MANIFEST.txt"))
              .toList();
    }
    List<String> manifest =
        resource("site/MANIFEST.txt")
            .lines()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .toList();
    assertThat(manifest).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(bundled);
  }

  @Test
  void everyLinkStaysOnTheSiteAndResolves() throws Exception {
    Set<String> targets = new LinkedHashSet<>();
    for (String page : DemoSite.pagePaths()) {
      for (String link : links(get(page).body())) {
        assertThat(link)
            .as("link on " + page + " (the demo must never leave 127.0.0.1)")
            .matches("/.*|#.*|mailto:.*");
        if (link.startsWith("/")) {
          targets.add(link.replaceAll("[#?].*", ""));
        }
      }
    }
    assertThat(targets).contains(DemoSite.DISALLOWED_PATH, "/news/rss.xml", "/blog/atom.xml");
    for (String target : targets) {
      assertThat(get(target).statusCode()).as(target).isEqualTo(200);
    }
  }

  @Test
  void everyPageIsReachableFromTheHomePage() throws Exception {
    Set<String> seen = new LinkedHashSet<>(List.of("/"));
    Deque<String> queue = new ArrayDeque<>(seen);
    while (!queue.isEmpty()) {
      for (String link : links(get(queue.remove()).body())) {
        String path = link.replaceAll("[#?].*", "");
        boolean page = path.endsWith("/") || path.endsWith(".html");
        if (page && !path.startsWith(DemoSite.DISALLOWED_PATH) && seen.add(path)) {
          queue.add(path);
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(DemoSite.pagePaths());
  }

  @Test
  void forumThreadsUseRepeatedPostMarkup() throws Exception {
    List<String> threads =
        DemoSite.pagePaths().stream()
            .filter(p -> p.startsWith("/forum/") && !p.equals("/forum/"))
            .filter(p -> !p.equals("/forum/rules.html"))
            .toList();
    assertThat(threads).hasSize(4);
    for (String thread : threads) {
      String body = get(thread).body();
      int posts = count(body, "<article class=\"post\">");
      assertThat(posts).as(thread).isGreaterThanOrEqualTo(6);
      assertThat(count(body, "<span class=\"author\">")).as(thread).isEqualTo(posts);
      assertThat(count(body, "<time datetime=\"")).as(thread).isEqualTo(posts);
      assertThat(count(body, "<div class=\"post-body\">")).as(thread).isEqualTo(posts);
    }
  }

  @Test
  void expectationsCoverEveryPageAndMatchTheAcceptanceCheck() {
    List<String> lines = resource("expected.tsv").lines().toList();
    assertThat(lines.get(0)).isEqualTo("path\texpected\twhy");
    Map<String, String> expected = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split("\t", -1);
      assertThat(fields).as(line).hasSize(3);
      assertThat(fields[1]).as(line).isIn("flag", "no-flag");
      assertThat(fields[2]).as(line).isNotBlank();
      assertThat(expected.put(fields[0], fields[1])).as("duplicate " + fields[0]).isNull();
    }
    assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(DemoSite.pagePaths());
    assertThat(expected)
        .containsEntry("/forum/nobody-listens.html", "flag")
        .containsEntry("/forum/grey-tide-videos.html", "flag")
        .containsEntry("/news/trial-verdict.html", "no-flag")
        .containsEntry("/news/deradicalisation-programme.html", "no-flag")
        .containsEntry("/news/online-recruiters.html", "no-flag");
    expected.forEach(
        (path, verdict) -> {
          if (verdict.equals("flag")) {
            assertThat(path).as("only forum threads are flagged").startsWith("/forum/");
          }
          if (path.startsWith("/blog/") || path.startsWith("/news/")) {
            assertThat(verdict).as(path).isEqualTo("no-flag");
          }
        });
  }

  @Test
  void recordsRequestedPathsWithoutQueries() throws Exception {
    get("/never-bundled-42.html?x=1");
    assertThat(site.requestedPaths()).contains("/never-bundled-42.html");
    assertThat(site.requestedPaths()).noneMatch(p -> p.contains("?"));
  }

  @Test
  void requestedPathsIsASnapshot() throws Exception {
    List<String> before = site.requestedPaths();
    get("/robots.txt");
    assertThat(site.requestedPaths()).hasSizeGreaterThan(before.size());
    assertThatThrownBy(() -> before.add("/x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void closeStopsServingAndIsIdempotent() throws Exception {
    DemoSite other = DemoSite.start();
    assertThat(other.port()).isNotEqualTo(site.port());
    URI home = URI.create(other.baseUrl() + "/");
    assertThat(client.send(HttpRequest.newBuilder(home).build(), ofString()).statusCode())
        .isEqualTo(200);
    other.close();
    other.close();
    HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> fresh.send(HttpRequest.newBuilder(home).build(), ofString()))
        .isInstanceOf(ConnectException.class);
  }

  private static void assertAllServeHtml(List<String> paths) throws Exception {
    assertThat(paths).isNotEmpty();
    for (String path : paths) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/html; charset=utf-8");
    }
  }

  private static List<String> paths(List<String> urls) throws URISyntaxException {
    List<String> paths = new ArrayList<>();
    for (String url : urls) {
      assertThat(url).startsWith(site.baseUrl() + "/");
      paths.add(new URI(url).getPath());
    }
    return paths;
  }

  private static List<String> links(String html) {
    List<String> links = new ArrayList<>();
    Matcher m = LINK.matcher(html);
    while (m.find()) {
      links.add(m.group(1));
    }
    return links;
  }

  private static Document parse(String path) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    byte[] body = getBytes(path).body();
    try (InputStream in = new ByteArrayInputStream(body)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  private static List<String> texts(NodeList nodes) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent().strip());
    }
    return texts;
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }

  private static String resource(String name) {
    try (InputStream in = DemoSite.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(site.baseUrl() + path))
        .timeout(Duration.ofSeconds(10));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send(request(path));
  }

  private static HttpResponse<byte[]> getBytes(String path) throws Exception {
    return client.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), ofString());
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }
}
