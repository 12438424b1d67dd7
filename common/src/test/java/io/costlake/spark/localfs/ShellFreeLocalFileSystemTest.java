package io.costlake.spark.localfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file system costlake's embedded default uses: Hadoop's behaviour, without a shell. */
class ShellFreeLocalFileSystemTest {
  @TempDir java.nio.file.Path dir;

  private static FileSystem fileSystem() throws IOException {
    FileSystem fs = new ShellFreeLocalFileSystem();
    fs.initialize(URI.create("file:///"), new Configuration());
    return fs;
  }

  private String mode(java.nio.file.Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void createdFilesAndDirectoriesGetTheModeAsked() throws IOException {
    FileSystem fs = fileSystem();
    Path folder = new Path(dir.toUri().toString(), "a/b");
    assertTrue(fs.mkdirs(folder, new FsPermission((short) 0750)));
    assertEquals("rwxr-x---", mode(dir.resolve("a/b")));

    Path file = new Path(folder, "part-0.parquet");
    try (FSDataOutputStream out =
        fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
      out.write("rows".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("rw-r-----", mode(dir.resolve("a/b/part-0.parquet")));
    fs.setPermission(file, new FsPermission((short) 0604));
    assertEquals("rw----r--", mode(dir.resolve("a/b/part-0.parquet")));
    // The checksummed file system writes its .crc beside the data, as Hadoop's does.
    assertTrue(Files.exists(dir.resolve("a/b/.part-0.parquet.crc")));
  }

  @Test
  void aMissingFileIsNamed() throws IOException {
    FileSystem fs = fileSystem();
    Path missing = new Path(dir.toUri().toString(), "nothing-here");
    FileNotFoundException e =
        assertThrows(
            FileNotFoundException.class,
            () -> fs.setPermission(missing, new FsPermission((short) 0644)));
    assertTrue(e.getMessage().contains("nothing-here"), e.getMessage());
  }

  @Test
  void linkStatusIsWhatHadoopsOwnSays() throws IOException {
    FileSystem fs = fileSystem();
    FileSystem hadoops = FileSystem.newInstanceLocal(new Configuration()).getRaw();
    java.nio.file.Path target = Files.writeString(dir.resolve("target.json"), "{}");
    java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);

    FileStatus plain = fs.getFileLinkStatus(new Path(target.toUri()));
    assertTrue(plain.isFile());
    assertEquals(2, plain.getLen());
    for (java.nio.file.Path file : java.util.List.of(target, link)) {
      FileStatus ours = fs.getFileLinkStatus(new Path(file.toUri()));
      FileStatus theirs = hadoops.getFileLinkStatus(new Path(file.toUri()));
      assertEquals(theirs.isSymlink(), ours.isSymlink(), file.toString());
      assertEquals(theirs.isFile(), ours.isFile(), file.toString());
      assertEquals(theirs.getLen(), ours.getLen(), file.toString());
      assertEquals(theirs.getPath(), ours.getPath(), file.toString());
    }
  }

  /** How Delta's log store commits: create a temporary file, rename it into place, never over. */
  @Test
  void fileContextCreatesAndRenamesAsDeltasLogStoreDoes() throws Exception {
    Configuration conf = new Configuration();
    conf.set("fs.AbstractFileSystem.file.impl", ShellFreeLocalFs.class.getName());
    FileContext fc = FileContext.getFileContext(URI.create("file:///"), conf);
    assertInstanceOf(ShellFreeLocalFs.class, fc.getDefaultFileSystem());

    Path log = new Path(dir.toUri().toString(), "_delta_log");
    Path temp = new Path(log, ".00000000000000000000.json.tmp");
    Path commit = new Path(log, "00000000000000000000.json");
    try (FSDataOutputStream out =
        fc.create(temp, EnumSet.of(CreateFlag.CREATE), Options.CreateOpts.createParent())) {
      out.write("{\"commitInfo\":{}}".getBytes(StandardCharsets.UTF_8));
    }
    fc.rename(temp, commit, Options.Rename.NONE);
    assertEquals(
        "{\"commitInfo\":{}}",
        Files.readString(dir.resolve("_delta_log/00000000000000000000.json")));
    assertFalse(Files.exists(dir.resolve("_delta_log/.00000000000000000000.json.tmp")));

    try (FSDataOutputStream out =
        fc.create(temp, EnumSet.of(CreateFlag.CREATE), Options.CreateOpts.createParent())) {
      out.write("{}".getBytes(StandardCharsets.UTF_8));
    }
    // A second writer of the same version loses: the rename must not replace the commit.
    assertThrows(IOException.class, () -> fc.rename(temp, commit, Options.Rename.NONE));
  }

  @Test
  void theEmbeddedSessionUsesIt() throws IOException {
    Configuration conf = TestSpark.session().sessionState().newHadoopConf();
    assertInstanceOf(ShellFreeLocalFileSystem.class, FileSystem.get(URI.create("file:///"), conf));
    assertInstanceOf(
        ShellFreeLocalFs.class,
        FileContext.getFileContext(URI.create("file:///"), conf).getDefaultFileSystem());
  }
}
