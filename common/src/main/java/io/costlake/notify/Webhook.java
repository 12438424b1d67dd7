package io.costlake.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * POSTs one JSON body to a webhook, trying again after a connection error, a timeout, a 5xx or a
 * 429 (after Retry-After when given), waiting {@code backoff} and then twice as long each time. A
 * 4xx other than 429 is the receiver refusing the body: trying again would not change it. The URL
 * is a secret and appears in no result.
 */
public final class Webhook {
  /** How a run waits between tries (a test's does not). */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** What happened to one body: delivered or not, after how many tries, the last answer. */
  public static final class Result {
    public final boolean delivered;
    public final int attempts;
    public final Integer httpStatus;
    public final String response;
    public final String error;

    public Result(
        boolean delivered, int attempts, Integer httpStatus, String response, String error) {
      this.delivered = delivered;
      this.attempts = attempts;
      this.httpStatus = httpStatus;
      this.response = response;
      this.error = error;
    }
  }

  private static final int KEPT_RESPONSE = 500;
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private final HttpClient client;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration backoff;
  private final Sleeper sleeper;

  public Webhook(Duration timeout, int maxAttempts, Duration backoff, Sleeper sleeper) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timeout = timeout;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  public Result post(URI url, String json, String idempotencyKey) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    Duration wait = backoff;
    Integer status = null;
    String body = null;
    String error = null;
    for (int attempt = 1; ; attempt++) {
      Optional<Duration> retryAfter = Optional.empty();
      try {
        HttpResponse<String> response =
            client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        status = response.statusCode();
        body = truncate(response.body());
        if (status >= 200 && status < 300) {
          return new Result(true, attempt, status, body, null);
        }
        error = "HTTP " + status;
        if (status != 429 && status < 500) {
          return new Result(false, attempt, status, body, error + " (not retried: a client error)");
        }
        retryAfter = retryAfter(response);
      } catch (HttpTimeoutException e) {
        status = null;
        body = null;
        error = "no answer within " + timeout.toSeconds() + " s";
      } catch (IOException e) {
        status = null;
        body = null;
        error =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        error = error.replace(url.toString(), "<webhook>").replace(url.getHost(), "<host>");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Result(false, attempt, status, body, "interrupted");
      }
      if (attempt >= maxAttempts) {
        return new Result(false, attempt, status, body, error + " after " + attempt + " tries");
      }
      try {
        sleeper.sleep(retryAfter.filter(r -> r.compareTo(MAX_RETRY_AFTER) <= 0).orElse(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Result(false, attempt, status, body, "interrupted");
      }
      wait = wait.multipliedBy(2);
    }
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(v -> v.trim().matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v.trim())));
  }

  private static String truncate(String body) {
    if (body == null) {
      return null;
    }
    return body.length() <= KEPT_RESPONSE ? body : body.substring(0, KEPT_RESPONSE);
  }
}
