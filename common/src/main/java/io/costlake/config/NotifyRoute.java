package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One webhook: its message format, where its URL is kept, and the owners whose alerts go to it
 * ({@code *}: every owner no other route names).
 */
public final class NotifyRoute {
  /** The JSON bodies a route can take. */
  public enum Format {
    SLACK,
    TEAMS,
    GENERIC
  }

  private final String id;
  private final Format format;
  private final String urlEnv;
  private final String urlFile;
  private final List<String> owners;

  @JsonCreator
  public NotifyRoute(
      @JsonProperty("id") String id,
      @JsonProperty("format") String format,
      @JsonProperty("url") String url,
      @JsonProperty("urlEnv") String urlEnv,
      @JsonProperty("urlFile") String urlFile,
      @JsonProperty("owners") List<String> owners) {
    if (id == null || !id.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "notify.routes[].id must be letters, digits, . _ - (got '" + id + "')");
    }
    if (url != null) {
      throw new IllegalArgumentException(
          "notify route "
              + id
              + ": a webhook URL is a secret and is not read from the config; put it in an"
              + " environment variable (urlEnv) or a file (urlFile)");
    }
    if ((urlEnv == null) == (urlFile == null)) {
      throw new IllegalArgumentException(
          "notify route " + id + " needs one of urlEnv (a variable's name) or urlFile (a path)");
    }
    try {
      this.format =
          Format.valueOf(Objects.requireNonNullElse(format, "generic").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "notify route " + id + ": format is slack, teams or generic (got '" + format + "')");
    }
    if (owners == null || owners.isEmpty()) {
      throw new IllegalArgumentException(
          "notify route " + id + " needs owners (a list of owners, or ['*'] for the rest)");
    }
    this.id = id;
    this.urlEnv = urlEnv;
    this.urlFile = urlFile;
    this.owners = List.copyOf(owners);
  }

  public String id() {
    return id;
  }

  public Format format() {
    return format;
  }

  /** The environment variable holding the URL, or null. */
  public String urlEnv() {
    return urlEnv;
  }

  /** The file holding the URL, or null. */
  public String urlFile() {
    return urlFile;
  }

  public List<String> owners() {
    return owners;
  }

  public boolean catchesAll() {
    return owners.contains("*");
  }

  /** Where the URL is kept, to name in messages (never the URL). */
  public String urlSource() {
    return urlEnv != null ? "$" + urlEnv : urlFile;
  }
}
