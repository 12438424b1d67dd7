package io.costlake.io;

import java.util.Objects;

/** Something under a source that is not read, by name, and why. */
public final class SkippedFile implements Comparable<SkippedFile> {
  public static final String HIDDEN = "hidden (a name below the source starts with _ or .)";
  public static final String NOT_REGULAR = "not a regular file (a pipe, socket or device)";
  public static final String BROKEN_LINK = "a link to nothing";
  public static final String LINK_CYCLE = "a link back to a folder above it (a cycle)";

  private final String uri;
  private final String reason;

  public SkippedFile(String uri, String reason) {
    this.uri = Objects.requireNonNull(uri);
    this.reason = Objects.requireNonNull(reason);
  }

  public String uri() {
    return uri;
  }

  public String reason() {
    return reason;
  }

  @Override
  public int compareTo(SkippedFile other) {
    return uri.compareTo(other.uri);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SkippedFile
        && ((SkippedFile) o).uri.equals(uri)
        && ((SkippedFile) o).reason.equals(reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(uri, reason);
  }

  @Override
  public String toString() {
    return uri + ": " + reason;
  }
}
