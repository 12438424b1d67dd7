package io.costlake.io;

import io.costlake.errors.CostlakeErrors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists what lies under a URI through Hadoop's file systems (file, s3a, gs, abfss). Hidden files
 * ({@code _SUCCESS}, {@code .crc}, ...) are skipped. Runs on the driver; listing is cheap next to
 * reading.
 */
public final class FileLister {
  private final Configuration conf;

  public FileLister(Configuration conf) {
    this.conf = conf;
  }

  /** Every visible file under {@code uri} (recursively), or the file itself; sorted by URI. */
  public List<StoredFile> list(String uri) {
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
      if (status.isFile()) {
        files.add(new StoredFile(qualified(fs, status.getPath()), status.getLen()));
        return files;
      }
      String rootUri = qualified(fs, status.getPath());
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus file = it.next();
        if (!isHidden(rootUri, qualified(fs, file.getPath()))) {
          files.add(new StoredFile(qualified(fs, file.getPath()), file.getLen()));
        }
      }
      Collections.sort(files);
      return files;
    } catch (IOException e) {
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
  private static String qualified(FileSystem fs, Path path) {
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
