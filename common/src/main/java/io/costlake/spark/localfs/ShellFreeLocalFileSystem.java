package io.costlake.spark.localfs;

import org.apache.hadoop.fs.LocalFileSystem;

/**
 * {@code file:} for the {@code FileSystem} API (Spark's readers and writers): Hadoop's checksummed
 * local file system over {@link ShellFreeRawLocalFileSystem}. Set as {@code fs.file.impl}.
 */
public class ShellFreeLocalFileSystem extends LocalFileSystem {
  public ShellFreeLocalFileSystem() {
    super(new ShellFreeRawLocalFileSystem());
  }
}
