package io.costlake.spark.localfs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system, without a process per file. Without Hadoop's native library (not on
 * Maven Central) {@link RawLocalFileSystem} runs {@code chmod} for every file and directory it
 * creates and {@code readlink} for every rename Delta's log store makes: about ten processes per
 * Delta commit and one per data file, thousands per pipeline run. Java's own file API does both in
 * the process. Where it cannot (a sticky bit, a file system without POSIX permissions, a symbolic
 * link) Hadoop's own way is kept.
 */
public class ShellFreeRawLocalFileSystem extends RawLocalFileSystem {
  @Override
  public void setPermission(Path p, FsPermission permission) throws IOException {
    java.nio.file.Path file = pathToFile(p).toPath();
    if (permission.getStickyBit()
        || Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
      super.setPermission(p, permission);
      return;
    }
    String rwx =
        permission.getUserAction().SYMBOL
            + permission.getGroupAction().SYMBOL
            + permission.getOtherAction().SYMBOL;
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(rwx));
    } catch (NoSuchFileException e) {
      throw (FileNotFoundException)
          new FileNotFoundException("File " + p + " does not exist").initCause(e);
    }
  }

  /**
   * The status of {@code f} itself: a file or directory's own, a symbolic link's as Hadoop says.
   */
  @Override
  public FileStatus getFileLinkStatus(Path f) throws IOException {
    if (Files.isSymbolicLink(pathToFile(f).toPath())) {
      return super.getFileLinkStatus(f);
    }
    return getFileStatus(f);
  }
}
