package io.costlake.ingest;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Run identifiers that sort by start time: {@code 20261122T101530Z-1f2e3d4c}. */
public final class RunIds {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  public static String next(Instant start) {
    return FORMAT.format(start) + "-" + String.format(Locale.ROOT, "%08x", RANDOM.nextInt());
  }
}
