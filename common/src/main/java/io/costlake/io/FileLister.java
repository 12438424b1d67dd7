package io.costlake.io;

import io.costlake.errors.CostlakeErrors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists what lies under a URI through Hadoop's file systems (file, s3a, gs, abfss). Every file
 * found is either listed or skipped by name with its reason: hidden names ({@code _SUCCESS}, {@code
 * .crc}, a {@code _temporary/} or {@code _late/} folder), and on a local disk what is not a regular
 * file (never opened: a pipe would block the run), links to nothing, and link cycles (never
 * followed twice). Runs on the driver; listing is cheap next to reading.
 */
public final class FileLister {
  private final Configuration conf;

  public FileLister(Configuration conf) {
    this.conf = conf;
  }

  /** What lies under {@code uri} (recursively), or the file itself. */
  public Listing list(String uri) {
    Path root = new Path(uri);
    try {
      FileSystem fs = root.getFileSystem(conf);
      FileStatus status;
      try {
        status = fs.getFileStatus(root);
      } catch (FileNotFoundException e) {
        throw CostlakeErrors.sourceNotFound(uri);
      }
      List<StoredFile> files = new ArrayList<>();
      List<SkippedFile> skipped = new ArrayList<>();
      if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
        LocalWalk.walk(fs, status.getPath(), files, skipped);
        return new Listing(files, skipped);
      }
      if (status.isFile()) {
        files.add(new StoredFile(qualified(fs, status.getPath()), status.getLen()));
        return new Listing(files, skipped);
      }
      String rootUri = qualified(fs, status.getPath());
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus file = it.next();
        String fileUri = qualified(fs, file.getPath());
        if (isHidden(rootUri, fileUri)) {
          skipped.add(new SkippedFile(fileUri, SkippedFile.HIDDEN));
        } else {
          files.add(new StoredFile(fileUri, file.getLen()));
        }
      }
      return new Listing(files, skipped);
    } catch (IOException | UncheckedIOException e) {
      throw CostlakeErrors.cannotRead(uri, e.getMessage());
    }
  }

  public boolean exists(String uri) {
    Path path = new Path(uri);
    try {
      return path.getFileSystem(conf).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fully qualified URI string ({@code file:/...}, {@code s3a://bucket/...}). */
  public String qualify(String uri) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(conf);
      return qualified(fs, path);
    } catch (IOException e) {
      throw CostlakeErrors.cannotRead(uri, e.getMessage());
    }
  }

  /** Hadoop's canonical spelling: {@code file:/tmp/x}, {@code s3a://bucket/x}. */
  static String qualified(FileSystem fs, Path path) {
    URI uri = fs.makeQualified(path).toUri();
    String text = uri.toString();
    return text.startsWith("file:///") ? "file:/" + text.substring("file:///".length()) : text;
  }

  /** Hidden when any path segment below the listed root starts with '_' or '.'. */
  static boolean isHidden(String rootUri, String fileUri) {
    String relative = fileUri.startsWith(rootUri) ? fileUri.substring(rootUri.length()) : fileUri;
    for (String segment : relative.split("/")) {
      if (segment.startsWith("_") || segment.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
