package io.costlake.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything under a source is either listed or skipped by name, and nothing is opened. */
class FileListerTest {
  @TempDir Path dir;

  private final FileLister lister = new FileLister(new Configuration());

  @Test
  void hiddenFoldersAndFilesAreSkippedByName() throws IOException {
    write("cur.csv");
    write("_late/cur-2.csv");
    write(".staging/cur-3.csv");
    write("_SUCCESS");
    Listing listing = lister.list(dir.toUri().toString());
    assertEquals(List.of("cur.csv"), names(listing.files()));
    assertEquals(
        List.of(
            ".staging/cur-3.csv: " + SkippedFile.HIDDEN,
            "_SUCCESS: " + SkippedFile.HIDDEN,
            "_late/cur-2.csv: " + SkippedFile.HIDDEN),
        skipped(listing));
  }

  @Test
  void aPipeIsNeverOpenedALinkToNothingAndALinkCycleAreSkippedByName() throws Exception {
    write("a/cur.csv");
    Path pipe = dir.resolve("a/pipe.csv");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    Files.createSymbolicLink(dir.resolve("a/gone.csv"), dir.resolve("nowhere.csv"));
    Files.createSymbolicLink(dir.resolve("a/loop"), dir.resolve("a"));
    Listing listing =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> lister.list(dir.toUri().toString()));
    assertEquals(List.of("a/cur.csv"), names(listing.files()));
    assertEquals(
        List.of(
            "a/gone.csv: " + SkippedFile.BROKEN_LINK,
            "a/loop: " + SkippedFile.LINK_CYCLE,
            "a/pipe.csv: " + SkippedFile.NOT_REGULAR),
        skipped(listing));
  }

  @Test
  void aFileGivenAsTheSourceIsListedAsSpelledByHadoop() throws IOException {
    write("b c/cur.csv");
    Listing listing = lister.list(dir.resolve("b c/cur.csv").toString());
    assertEquals(1, listing.files().size());
    String expected =
        "file:" + dir.toAbsolutePath().toString().replace(" ", "%20") + "/b%20c/cur.csv";
    assertEquals(expected, listing.files().get(0).uri());
    Listing folder = lister.list(dir.toString());
    assertEquals(expected, folder.files().get(0).uri());
  }

  private void write(String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x\n");
  }

  private List<String> names(List<StoredFile> files) {
    String root = rootUri();
    return files.stream().map(f -> f.uri().substring(root.length())).collect(Collectors.toList());
  }

  private List<String> skipped(Listing listing) {
    String root = rootUri();
    return listing.skipped().stream()
        .map(f -> f.uri().substring(root.length()) + ": " + f.reason())
        .collect(Collectors.toList());
  }

  private String rootUri() {
    return "file:" + dir.toAbsolutePath() + "/";
  }
}
