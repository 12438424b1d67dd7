package io.costlake.config;

import io.costlake.errors.CostlakeErrors;
import io.costlake.io.Locations;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * Where a config file is: a path on the local disk, or a URI of a Hadoop file system ({@code
 * s3a://bucket/costlake/conf/costlake.yaml}). Relative locations written inside a config file
 * resolve against its folder, wherever that is, so a config folder copied to object storage works
 * as it did on disk.
 */
public final class ConfigLocation {
  /** Local files: the normalized absolute path. Null for remote ones. */
  private final Path local;

  /** Remote files: scheme and authority ({@code s3a://bucket}), and the normalized path. */
  private final String root;

  private final String path;

  private ConfigLocation(Path local, String root, String path) {
    this.local = local;
    this.root = root;
    this.path = path;
  }

  /**
   * A location as given on the command line: a local path (relative to the working directory),
   * {@code file:...}, or a URI. An address with a login ({@code s3a://key:secret@...}) is refused.
   */
  public static ConfigLocation of(String location) {
    int scheme = location.indexOf("://");
    if (scheme < 0) {
      if (location.startsWith("file:")) {
        return local(Paths.get(URI.create(location)));
      }
      return local(Paths.get(location));
    }
    Locations.rejectLogin(location, scheme + 3);
    if (location.startsWith("file://")) {
      return local(Paths.get(URI.create(location)));
    }
    int pathStart = location.indexOf('/', scheme + 3);
    String root = pathStart < 0 ? location : location.substring(0, pathStart);
    String path = pathStart < 0 ? "/" : location.substring(pathStart);
    return new ConfigLocation(null, root, normalize(path));
  }

  public static ConfigLocation local(Path file) {
    return new ConfigLocation(file.toAbsolutePath().normalize(), null, null);
  }

  public boolean isLocal() {
    return local != null;
  }

  /** The local path; only for {@link #isLocal()} locations. */
  public Path localPath() {
    if (local == null) {
      throw new IllegalStateException(this + " is not on the local disk");
    }
    return local;
  }

  /** The folder this file is in. */
  public ConfigLocation folder() {
    if (local != null) {
      Path parent = local.getParent();
      return new ConfigLocation(parent == null ? local : parent, null, null);
    }
    int slash = path.lastIndexOf('/');
    return new ConfigLocation(null, root, slash <= 0 ? "/" : path.substring(0, slash));
  }

  /**
   * {@code relative} resolved against this folder, or null when it climbs out of it ({@code
   * ../..}).
   */
  ConfigLocation resolveWithin(String relative) {
    if (local != null) {
      Path resolved = local.resolve(relative).normalize();
      return resolved.startsWith(local) ? new ConfigLocation(resolved, null, null) : null;
    }
    String resolved = normalize(path + "/" + relative);
    String prefix = path.endsWith("/") ? path : path + "/";
    return resolved.startsWith(prefix) ? new ConfigLocation(null, root, resolved) : null;
  }

  /** The location as costlake's readers take it: a local path, or the full URI. */
  @Override
  public String toString() {
    return local != null ? local.toString() : root + path;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConfigLocation && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return Objects.hash(toString());
  }

  /** {@code /a/./b/../c} to {@code /a/c}; never above the root. */
  private static String normalize(String path) {
    try {
      String normalized = new URI(null, null, path, null).normalize().getPath();
      if (normalized.equals("/..") || normalized.startsWith("/../")) {
        throw CostlakeErrors.unreadableConfig(path, "the path climbs above the bucket's root");
      }
      return normalized;
    } catch (URISyntaxException e) {
      throw CostlakeErrors.unreadableConfig(path, "not a valid path: " + e.getReason());
    }
  }
}
