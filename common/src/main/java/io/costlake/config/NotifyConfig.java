package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where {@code costlake notify} sends alerts: webhook routes by owner, and how long it waits and
 * how often it tries. The webhook URLs are secrets: a route names the environment variable or the
 * file that holds its URL, never the URL.
 */
public final class NotifyConfig {
  private final List<NotifyRoute> routes;
  private final int timeoutSeconds;
  private final int maxAttempts;
  private final double backoffSeconds;

  @JsonCreator
  public NotifyConfig(
      @JsonProperty("routes") List<NotifyRoute> routes,
      @JsonProperty("timeoutSeconds") Integer timeoutSeconds,
      @JsonProperty("maxAttempts") Integer maxAttempts,
      @JsonProperty("backoffSeconds") Double backoffSeconds) {
    this.routes = List.copyOf(Objects.requireNonNullElse(routes, List.of()));
    this.timeoutSeconds = Objects.requireNonNullElse(timeoutSeconds, 10);
    this.maxAttempts = Objects.requireNonNullElse(maxAttempts, 4);
    this.backoffSeconds = Objects.requireNonNullElse(backoffSeconds, 2.0);
    if (this.timeoutSeconds < 1 || this.maxAttempts < 1 || this.backoffSeconds < 0) {
      throw new IllegalArgumentException(
          "notify.timeoutSeconds and notify.maxAttempts must be at least 1, notify.backoffSeconds"
              + " at least 0");
    }
    Set<String> ids = new HashSet<>();
    long catchAll = 0;
    for (NotifyRoute route : this.routes) {
      if (!ids.add(route.id())) {
        throw new IllegalArgumentException("two notify routes have the id " + route.id());
      }
      catchAll += route.catchesAll() ? 1 : 0;
    }
    if (catchAll > 1) {
      throw new IllegalArgumentException("only one notify route may take owners: ['*']");
    }
  }

  public static NotifyConfig defaults() {
    return new NotifyConfig(null, null, null, null);
  }

  public List<NotifyRoute> routes() {
    return routes;
  }

  /** How long one request may take, connection included. */
  public int timeoutSeconds() {
    return timeoutSeconds;
  }

  /** Tries per alert and run, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait before the second try; it doubles before each later one. */
  public double backoffSeconds() {
    return backoffSeconds;
  }
}
