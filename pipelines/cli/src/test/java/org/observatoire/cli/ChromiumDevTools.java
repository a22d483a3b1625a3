package org.observatoire.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven over the DevTools protocol (the JDK's WebSocket client, no driver): open a page,
 * run JavaScript in it (fill a form through its library, click), wait for the DOM to say something. Script errors
 * and console errors are collected. Needs {@code chromium} on PATH, as {@link HeadlessChromium} does.
 */
final class ChromiumDevTools implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

  private final Process browser;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();

  private ChromiumDevTools(Process browser, WebSocket socket) {
    this.browser = browser;
    this.socket = socket;
  }

  /** Starts a browser with a fresh profile in {@code profile} and attaches to its first page. */
  static ChromiumDevTools start(Path profile) throws Exception {
    Process p = new ProcessBuilder(HeadlessChromium.binary().toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1200,1600",
        "--user-data-dir=" + profile, "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String browserUrl = null;
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (String line = err.readLine(); line != null && System.nanoTime() < deadline; line = err.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        browserUrl = m.group(1);
        break;
      }
    }
    if (browserUrl == null) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not open its DevTools port");
    }
    Thread drain = new Thread(() -> {
      try {
        while (err.readLine() != null) {
          // keep the pipe empty
        }
      } catch (IOException e) {
        // browser gone
      }
    }, "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    URI browserUri = URI.create(browserUrl);
    HttpClient http = HttpClient.newHttpClient();
    String pageSocket = null;
    while (pageSocket == null && System.nanoTime() < deadline) {
      JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + browserUri.getHost()
          + ":" + browserUri.getPort() + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
      for (JsonNode t : targets) {
        if (t.path("type").asText().equals("page")) {
          pageSocket = t.path("webSocketDebuggerUrl").asText();
        }
      }
      if (pageSocket == null) {
        Thread.sleep(100);
      }
    }
    if (pageSocket == null) {
      p.destroyForcibly();
      throw new AssertionError("chromium has no page to attach to");
    }
    ChromiumDevTools[] self = new ChromiumDevTools[1];
    StringBuilder partial = new StringBuilder();
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          String message = partial.toString();
          partial.setLength(0);
          self[0].received(message);
        }
        webSocket.request(1);
        return null;
      }
    }).get(30, TimeUnit.SECONDS);
    self[0] = new ChromiumDevTools(p, ws);
    self[0].call("Runtime.enable", JSON.createObjectNode());
    self[0].call("Page.enable", JSON.createObjectNode());
    return self[0];
  }

  private void received(String message) {
    try {
      JsonNode n = JSON.readTree(message);
      if (n.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
        if (f != null) {
          f.complete(n);
        }
      } else if (n.path("method").asText().equals("Runtime.exceptionThrown")) {
        errors.add(n.path("params").path("exceptionDetails").toString());
      } else if (n.path("method").asText().equals("Runtime.consoleAPICalled")
          && n.path("params").path("type").asText().equals("error")) {
        errors.add(n.path("params").path("args").toString());
      }
    } catch (IOException e) {
      errors.add("unreadable DevTools message: " + e);
    }
  }

  JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params);
    socket.sendText(msg.toString(), true).get(30, TimeUnit.SECONDS);
    JsonNode r = answer.get(60, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new AssertionError(method + " failed: " + r.get("error"));
    }
    return r.path("result");
  }

  /** Opens {@code url} in the page. */
  void navigate(String url) throws Exception {
    call("Page.navigate", JSON.createObjectNode().put("url", url));
  }

  /** The value of a JavaScript expression (awaited when a promise), as JSON. */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
        .put("returnByValue", true).put("awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new AssertionError("script failed: " + expression + ": " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** Evaluates {@code expression} every 200 ms until {@code done} holds for its value; fails after {@code timeout}. */
  JsonNode waitFor(String expression, Predicate<JsonNode> done, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode v = evaluate(expression);
    while (!done.test(v)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("after " + timeout.toSeconds() + " s, " + expression + " is still " + v
            + "; script errors: " + errors);
      }
      Thread.sleep(200);
      v = evaluate(expression);
    }
    return v;
  }

  /** Saves a PNG of the whole page to {@code png}. */
  void screenshot(Path png) throws Exception {
    JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
        .put("captureBeyondViewport", true));
    java.nio.file.Files.write(png, java.util.Base64.getDecoder().decode(shot.path("data").asText()));
  }

  /** Uncaught exceptions and console errors of the pages loaded so far. */
  List<String> errors() {
    return List.copyOf(errors);
  }

  @Override
  public void close() throws Exception {
    try {
      socket.abort();
    } finally {
      browser.destroy();
      if (!browser.waitFor(10, TimeUnit.SECONDS)) {
        browser.destroyForcibly();
      }
    }
  }
}
