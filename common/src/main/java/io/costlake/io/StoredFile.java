package io.costlake.io;

import java.io.Serializable;
import java.util.Objects;

/** A file in object storage or on disk, as listed: its URI and size. */
public final class StoredFile implements Serializable, Comparable<StoredFile> {
  private static final long serialVersionUID = 1L;
  private final String uri;
  private final long bytes;

  public StoredFile(String uri, long bytes) {
    this.uri = Objects.requireNonNull(uri);
    this.bytes = bytes;
  }

  public String uri() {
    return uri;
  }

  public long bytes() {
    return bytes;
  }

  /** The last path segment. */
  public String name() {
    int slash = uri.lastIndexOf('/');
    return slash < 0 ? uri : uri.substring(slash + 1);
  }

  @Override
  public int compareTo(StoredFile other) {
    return uri.compareTo(other.uri);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredFile && ((StoredFile) o).uri.equals(uri);
  }

  @Override
  public int hashCode() {
    return uri.hashCode();
  }

  @Override
  public String toString() {
    return uri;
  }
}
