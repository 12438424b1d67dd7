package io.costlake.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a loopback HTTP server whose answers each test scripts. */
class WebhookTest {
  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private final List<Duration> waits = new ArrayList<>();

  /** The status of each request in turn (the last one repeats); 0 stalls past the timeout. */
  private volatile int[] statuses = {200};

  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", this::answer);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    int n = requests.getAndIncrement();
    bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
    int status = statuses[Math.min(n, statuses.length - 1)];
    if (status == 0) {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      status = 200;
    }
    if (status == 429) {
      exchange.getResponseHeaders().add("Retry-After", "7");
    }
    byte[] body = ("answer " + status).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private Webhook.Result post() {
    Webhook webhook = new Webhook(Duration.ofSeconds(1), 3, Duration.ofSeconds(2), waits::add);
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    return webhook.post(url, "{\"text\":\"hi\"}", "key-1");
  }

  @Test
  void aTwoHundredIsDeliveredAtTheFirstTry() {
    Webhook.Result result = post();
    assertTrue(result.delivered);
    assertEquals(1, result.attempts);
    assertEquals(200, result.httpStatus);
    assertEquals("answer 200", result.response);
    assertEquals(List.of("{\"text\":\"hi\"}"), bodies);
    assertEquals(List.of("key-1"), keys);
    assertTrue(waits.isEmpty());
  }

  @Test
  void aFiveHundredIsTriedAgainAfterTheBackoffWhichDoubles() {
    statuses = new int[] {500, 503, 200};
    Webhook.Result result = post();
    assertTrue(result.delivered);
    assertEquals(3, result.attempts);
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), waits);
  }

  @Test
  void aTooManyRequestsWaitsAsRetryAfterSays() {
    statuses = new int[] {429, 200};
    assertTrue(post().delivered);
    assertEquals(List.of(Duration.ofSeconds(7)), waits);
  }

  @Test
  void aClientErrorIsNotTriedAgain() {
    statuses = new int[] {400};
    Webhook.Result result = post();
    assertFalse(result.delivered);
    assertEquals(1, result.attempts);
    assertEquals(400, result.httpStatus);
    assertTrue(result.error.contains("HTTP 400"), result.error);
  }

  @Test
  void aSlowEndpointTimesOutAndFailsAfterEveryTry() {
    statuses = new int[] {0};
    Webhook.Result result = post();
    assertFalse(result.delivered);
    assertEquals(3, result.attempts);
    assertNull(result.httpStatus);
    assertTrue(result.error.contains("no answer within 1 s after 3 tries"), result.error);
  }

  @Test
  void noServerIsAFailureThatDoesNotNameTheUrl() {
    server.stop(0);
    Webhook.Result result = post();
    assertFalse(result.delivered);
    assertEquals(3, result.attempts);
    assertFalse(result.error.contains("127.0.0.1"), result.error);
  }
}
