package io.costlake.io;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A source on the local disk, walked with the JDK (which tells a pipe from a file and notices a
 * link cycle), where Hadoop's local listing would open a pipe and block, follow a cycle forty
 * levels deep, and pass over a link to nothing without a word. URIs are spelled as Hadoop's listing
 * spells them, so the files of earlier runs keep their names.
 */
final class LocalWalk {
  private LocalWalk() {}

  static void walk(FileSystem fs, Path root, List<StoredFile> files, List<SkippedFile> skipped)
      throws IOException {
    java.nio.file.Path start = Paths.get(root.toUri());
    String rootUri = FileLister.qualified(fs, root);
    Files.walkFileTree(
        start,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes attrs) {
            String uri = uri(fs, root, start, file);
            if (attrs.isSymbolicLink()) {
              // FOLLOW_LINKS gives a link's own attributes only when its target is not there
              skipped.add(new SkippedFile(uri, SkippedFile.BROKEN_LINK));
            } else if (!attrs.isRegularFile()) {
              skipped.add(new SkippedFile(uri, SkippedFile.NOT_REGULAR));
            } else if (FileLister.isHidden(rootUri, uri)) {
              skipped.add(new SkippedFile(uri, SkippedFile.HIDDEN));
            } else {
              files.add(new StoredFile(uri, attrs.size()));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(java.nio.file.Path file, IOException e)
              throws IOException {
            if (e instanceof FileSystemLoopException) {
              skipped.add(new SkippedFile(uri(fs, root, start, file), SkippedFile.LINK_CYCLE));
              return FileVisitResult.CONTINUE;
            }
            if (e instanceof NoSuchFileException && Files.isSymbolicLink(file)) {
              skipped.add(new SkippedFile(uri(fs, root, start, file), SkippedFile.BROKEN_LINK));
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
  }

  /** Built name by name below the root, as Hadoop's listing builds its paths. */
  private static String uri(
      FileSystem fs, Path root, java.nio.file.Path start, java.nio.file.Path file) {
    Path path = root;
    for (java.nio.file.Path name : start.relativize(file)) {
      if (!name.toString().isEmpty()) {
        path = new Path(path, name.toString());
      }
    }
    return FileLister.qualified(fs, path);
  }
}
