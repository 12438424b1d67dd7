package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code costlake notify} on a copy of the demo's tables, to a loopback webhook server with a Slack
 * route for the payments owner and a generic one for everyone else: every alert arrives once, one
 * that failed arrives on the next run, and nothing arrives twice.
 */
class ITNotify {
  private static HttpServer server;

  /** 2xx answers per alert (Idempotency-Key), and requests per alert. */
  private static final Map<String, AtomicInteger> DELIVERED = new ConcurrentHashMap<>();

  private static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
  private static final Map<String, String> PATHS = new ConcurrentHashMap<>();

  /** The first alert the generic route sees is refused twice (500), then taken. */
  private static final AtomicReference<String> FLAKY = new AtomicReference<>();

  private static Path dir;
  private static String warehouse;
  private static Path conf;

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/slack", ITNotify::answer);
    server.createContext("/generic", ITNotify::answer);
    server.start();
    dir = Files.createDirectories(Path.of("target", "notify").toAbsolutePath());
    Fixtures.deleteRecursively(dir.resolve("warehouse"));
    Fixtures.copyTree(
        Path.of(java.net.URI.create(DemoRun.get().warehouse)), dir.resolve("warehouse"));
    warehouse = Fixtures.uri(dir.resolve("warehouse"));
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    Files.writeString(dir.resolve("slack-url"), base + "/slack\n");
    Files.writeString(dir.resolve("generic-url"), base + "/generic\n");
    conf = dir.resolve("notify.yaml");
    Files.writeString(
        conf,
        String.join(
            "\n",
            // Budgets the demo's spend crosses, so that budget_burn has alerts to send.
            "budgets:",
            "  - {id: payments-tight, owner: payments, amount: 10, currency: USD, alertsPct: [50, 100]}",
            "  - {id: payer-tight, account: '666385237404', amount: 100, currency: USD}",
            "notify:",
            "  maxAttempts: 2",
            "  backoffSeconds: 0",
            "  timeoutSeconds: 5",
            "  routes:",
            "    - id: payments-slack",
            "      format: slack",
            "      urlFile: " + dir.resolve("slack-url"),
            "      owners: [payments]",
            "    - id: everyone",
            "      format: generic",
            "      urlFile: " + dir.resolve("generic-url"),
            "      owners: ['*']",
            ""));
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static void answer(HttpExchange exchange) throws IOException {
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    exchange.getRequestBody().readAllBytes();
    int requests = REQUESTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    PATHS.put(key, exchange.getRequestURI().getPath());
    if (exchange.getRequestURI().getPath().equals("/generic")) {
      FLAKY.compareAndSet(null, key);
    }
    int status = key.equals(FLAKY.get()) && requests <= 2 ? 500 : 200;
    if (status == 200) {
      DELIVERED.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
    byte[] body = (status == 200 ? "ok" : "try later").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Cli notifyRun() {
    return run("notify");
  }

  private static Cli run(String job) {
    return Cli.run(
        job, "--warehouse", warehouse, "--conf", DemoRun.SHIPPED_CONF, "--conf", conf.toString());
  }

  @Test
  void everyAlertArrivesOnceAFailedOneOnTheNextRunAndNoneTwice() {
    Cli budgets = run("anomalies");
    assertEquals(0, budgets.exitCode, budgets.toString());
    Cli first = notifyRun();
    assertEquals(1, first.exitCode, first.toString()); // the flaky alert failed twice
    assertTrue(first.err.contains("not delivered"), first.toString());
    assertTrue(first.oneLineError(), first.toString());
    int alerts = REQUESTS.size();
    assertTrue(alerts >= 6, "the budgets and the demo's anomalies give alerts: " + first);
    assertEquals(alerts - 1, DELIVERED.size(), "all but the flaky alert arrived");
    assertTrue(PATHS.containsValue("/slack") && PATHS.containsValue("/generic"), PATHS.toString());

    Cli second = notifyRun();
    assertEquals(0, second.exitCode, second.toString());
    assertTrue(second.out.contains("1 alert(s) delivered"), second.toString());
    Cli third = notifyRun();
    assertEquals(0, third.exitCode, third.toString());
    assertTrue(third.out.contains("0 alert(s) delivered"), third.toString());

    // Each alert answered 2xx exactly once; only the flaky one was asked more than once.
    assertEquals(alerts, DELIVERED.size());
    DELIVERED.forEach((key, n) -> assertEquals(1, n.get(), "alert " + key + " delivered"));
    REQUESTS.forEach(
        (key, n) -> assertEquals(key.equals(FLAKY.get()) ? 3 : 1, n.get(), "requests of " + key));

    // The log says the same: one delivered row per alert, the flaky one's failed row before it.
    List<Row> log =
        TestSpark.session()
            .read()
            .format("delta")
            .load(warehouse + "/notify_deliveries")
            .groupBy("alert_id", "status")
            .count()
            .collectAsList();
    long deliveredRows = log.stream().filter(r -> r.getString(1).equals("delivered")).count();
    assertEquals(alerts, deliveredRows);
    assertTrue(
        log.stream()
            .anyMatch(r -> r.getString(0).equals(FLAKY.get()) && r.getString(1).equals("failed")));
    log.forEach(r -> assertEquals(1L, r.getLong(2), "one row per alert and status: " + r));
    assertFalse(first.out.contains("127.0.0.1") || first.err.contains("127.0.0.1"), "no URL");
  }
}
