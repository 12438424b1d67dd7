package io.costlake.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A table's {@code _delta_log} directory as the file system shows it, not as Delta's per-JVM log
 * cache remembers it: whether it holds a commit yet.
 */
final class DeltaLogDirectory {
  /** A commit ({@code 00000000000000000000.json}) or a checkpoint that replaced older ones. */
  private static final Pattern COMMIT_OR_CHECKPOINT =
      Pattern.compile("\\d{20}\\.(json|checkpoint(\\..+)?\\.parquet)");

  private final Path log;
  private final Configuration hadoop;

  DeltaLogDirectory(Path log, Configuration hadoop) {
    this.log = log;
    this.hadoop = hadoop;
  }

  boolean hasCommit() {
    try {
      for (FileStatus file : fs().listStatus(log)) {
        if (COMMIT_OR_CHECKPOINT.matcher(file.getPath().getName()).matches()) {
          return true;
        }
      }
      return false;
    } catch (FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + log + ": " + e.getMessage(), e);
    }
  }

  /** Waits up to {@code millis} for a first commit; whether one came. */
  boolean awaitCommit(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000;
    long pause = 50;
    while (!hasCommit()) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return hasCommit();
      }
      pause = Math.min(pause * 2, 800);
    }
    return true;
  }

  private FileSystem fs() throws IOException {
    return log.getFileSystem(hadoop);
  }
}
