package io.costlake.io;

import io.costlake.errors.CostlakeErrors;
import java.nio.file.Paths;

/**
 * Locations as users write them (a local path, {@code file:...}, or a URI of any Hadoop file
 * system), turned into the URIs Hadoop and Spark read.
 */
public final class Locations {
  private Locations() {}

  /** Whether {@code location} names a scheme ({@code s3a://...}, {@code file:...}). */
  public static boolean hasScheme(String location) {
    return location.contains("://") || location.startsWith("file:");
  }

  /**
   * A URI for a location given on the command line or in config: URIs stay as they are, local paths
   * become absolute {@code file:} URIs (relative to the working directory). An address with a login
   * is refused.
   */
  public static String uri(String location) {
    int scheme = location.indexOf("://");
    if (scheme >= 0) {
      rejectLogin(location, scheme + 3);
      return location;
    }
    if (location.startsWith("file:")) {
      return location;
    }
    return "file:" + Paths.get(location).toAbsolutePath().normalize();
  }

  /**
   * {@code s3a://KEY:SECRET@bucket/...} would put a secret into logs, ingest_runs and every message
   * naming the path (Hadoop itself only warns): refuse it, masking the login. AWS secret keys hold
   * {@code /} and {@code +} as they are pasted, so the login runs to the last {@code @}, not to the
   * first {@code /}. A login without a colon is no secret: {@code abfss://container@account...}
   * names a container. A login's colon comes before any {@code /}, as bucket names hold neither:
   * that tells it from an object key such as {@code bucket/x:y@z.csv}.
   */
  public static void rejectLogin(String location, int authorityStart) {
    int at = location.lastIndexOf('@');
    if (at <= authorityStart) {
      return;
    }
    String login = location.substring(authorityStart, at);
    int colon = login.indexOf(':');
    int slash = login.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) {
      throw CostlakeErrors.credentialsInAddress(
          location.substring(0, authorityStart) + "***@" + location.substring(at + 1));
    }
  }
}
