package org.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.vigil.cli.internal.Json;

/**
 * A real headless Chromium (the Debian package {@code chromium}) driven over the DevTools protocol
 * with the JDK's WebSocket client: opens a page, records console errors, uncaught exceptions, log
 * errors and every URL the page requested, evaluates expressions in it and takes screenshots.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger nextId = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  private HeadlessChromium(Process process, WebSocket.Builder builder, URI page) throws Exception {
    this.process = process;
    this.socket = builder.buildAsync(page, new Listener()).get(30, TimeUnit.SECONDS);
    for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
      call(domain + ".enable", Json.mapper().createObjectNode());
    }
  }

  /** The chromium executable, or {@code null} when it is not installed. */
  public static Path executable() {
    for (String name : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(name))) {
        return Path.of(name);
      }
    }
    return null;
  }

  /** Starts a browser with a fresh profile in {@code profile} and attaches to its first tab. */
  public static HeadlessChromium start(Path profile) throws Exception {
    Path exe = executable();
    if (exe == null) {
      throw new IllegalStateException("chromium is not installed (apt-get install chromium)");
    }
    Process p =
        new ProcessBuilder(
                exe.toString(),
                "--headless=new",
                "--no-sandbox", // the tests may run as root
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "--window-size=1280,1600",
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
            .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
      if (System.nanoTime() > deadline || !p.isAlive()) {
        p.destroyForcibly();
        throw new IOException("chromium did not start (see " + profile + ".log)");
      }
      Thread.sleep(100);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
    HttpClient http = HttpClient.newHttpClient();
    String list =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    for (JsonNode target : Json.mapper().readTree(list)) {
      if ("page".equals(target.path("type").asText())) {
        URI ws = URI.create(target.path("webSocketDebuggerUrl").asText());
        return new HeadlessChromium(p, http.newWebSocketBuilder(), ws);
      }
    }
    p.destroyForcibly();
    throw new IOException("chromium has no page target");
  }

  /** Opens {@code url} and waits for its load event. */
  public void open(String url) throws Exception {
    loaded = new CompletableFuture<>();
    ObjectNode params = Json.mapper().createObjectNode().put("url", url);
    call("Page.navigate", params);
    loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Evaluates a JavaScript expression in the page; returns its JSON value. */
  public JsonNode evaluate(String expression) throws Exception {
    ObjectNode params =
        Json.mapper().createObjectNode().put("expression", expression).put("returnByValue", true);
    JsonNode result = call("Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("evaluation failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Saves a PNG screenshot of the whole page. */
  public Path screenshot(Path file) throws Exception {
    ObjectNode params =
        Json.mapper().createObjectNode().put("format", "png").put("captureBeyondViewport", true);
    JsonNode result = call("Page.captureScreenshot", params);
    Files.write(file, Base64.getDecoder().decode(result.path("data").asText()));
    return file;
  }

  /** Console errors, uncaught exceptions and error log entries so far. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  /** Every URL the page requested so far. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = nextId.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = Json.mapper().createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(Json.mapper().writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    JsonNode reply = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + ": " + reply.get("error"));
    }
    return reply.path("result");
  }

  private void event(JsonNode message) {
    JsonNode p = message.path("params");
    switch (message.path("method").asText()) {
      case "Page.loadEventFired" -> loaded.complete(null);
      case "Runtime.consoleAPICalled" -> {
        String type = p.path("type").asText();
        if (type.equals("error") || type.equals("assert")) {
          errors.add("console." + type + ": " + p.path("args"));
        }
      }
      case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
      case "Log.entryAdded" -> {
        if ("error".equals(p.path("entry").path("level").asText())) {
          errors.add("log: " + p.path("entry").path("text").asText());
        }
      }
      case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
      default -> {}
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = Json.mapper().readTree(partial.toString());
          if (message.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(message.get("id").asInt());
            if (f != null) {
              f.complete(message);
            }
          } else {
            event(message);
          }
        } catch (IOException e) {
          errors.add("unreadable DevTools message: " + e.getMessage());
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the browser goes anyway
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** For failure messages. */
  @Override
  public String toString() {
    return "HeadlessChromium" + new ArrayList<>(errors);
  }
}
