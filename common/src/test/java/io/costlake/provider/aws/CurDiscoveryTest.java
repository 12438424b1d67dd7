package io.costlake.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.errors.CostlakeException;
import io.costlake.ingest.Discovery;
import io.costlake.ingest.ExportFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurDiscoveryTest {
  @TempDir Path dir;

  private final CurDiscovery discovery = new CurDiscovery(new Configuration());

  private static String uri(Path p) {
    return "file:" + p.toAbsolutePath();
  }

  private Path touch(String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x", StandardCharsets.UTF_8);
    return file;
  }

  private void manifest(String relative, String period, String assembly, String... keys)
      throws IOException {
    String list = List.of(keys).stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(","));
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "{\"assemblyId\":\""
            + assembly
            + "\",\"reportName\":\"r\",\"billingPeriod\":{\"start\":\""
            + period
            + "01T000000.000Z\"},\"reportKeys\":["
            + list
            + "]}");
  }

  private static List<String> names(Discovery d) {
    return d.files().stream()
        .map(f -> f.uri().substring(f.uri().indexOf("/r/") + 1))
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void onlyTheCurrentAssemblyOfEachPeriodIsRead() throws IOException {
    touch("r/20240101-20240201/new/r-00001.csv.gz");
    touch("r/20240101-20240201/new/r-00002.csv.gz");
    touch("r/20240101-20240201/old/r-00001.csv.gz");
    manifest(
        "r/20240101-20240201/r-Manifest.json",
        "202401",
        "new",
        "prefix/r/20240101-20240201/new/r-00001.csv.gz",
        "prefix/r/20240101-20240201/new/r-00002.csv.gz");
    manifest(
        "r/20240101-20240201/new/r-Manifest.json",
        "202401",
        "new",
        "prefix/r/20240101-20240201/new/r-00001.csv.gz",
        "prefix/r/20240101-20240201/new/r-00002.csv.gz");
    manifest(
        "r/20240101-20240201/old/r-Manifest.json",
        "202401",
        "old",
        "prefix/r/20240101-20240201/old/r-00001.csv.gz");
    Discovery found = discovery.discover(List.of(uri(dir)), Optional.empty());
    assertEquals(
        List.of("r/20240101-20240201/new/r-00001.csv.gz", "r/20240101-20240201/new/r-00002.csv.gz"),
        names(found));
    assertEquals(1, found.ignored().size());
    assertTrue(
        found.ignored().get(0).uri().endsWith("r/20240101-20240201/old/r-00001.csv.gz"),
        found.ignored().toString());
    assertEquals(Discovery.NOT_CHOSEN, found.ignored().get(0).reason());
    ExportFile file = found.files().get(0);
    assertEquals("2024-01", file.billingPeriod().get());
    assertEquals("new", file.assemblyId().get());
    assertTrue(file.manifest().get().endsWith("20240101-20240201/r-Manifest.json"));
    assertEquals(List.of(), found.failures());
  }

  @Test
  void periodSelectsOneManifest() throws IOException {
    touch("r/20240101-20240201/a/r-1.csv.gz");
    touch("r/20240201-20240301/b/r-1.csv.gz");
    manifest(
        "r/20240101-20240201/r-Manifest.json", "202401", "a", "r/20240101-20240201/a/r-1.csv.gz");
    manifest(
        "r/20240201-20240301/r-Manifest.json", "202402", "b", "r/20240201-20240301/b/r-1.csv.gz");
    Discovery found = discovery.discover(List.of(uri(dir)), Optional.of("2024-02"));
    assertEquals(List.of("r/20240201-20240301/b/r-1.csv.gz"), names(found));
  }

  @Test
  void aManifestNamingAMissingFileFailsItsPeriodOnly() throws IOException {
    touch("r/20240101-20240201/a/r-1.csv.gz");
    touch("r/20240201-20240301/b/r-1.csv.gz");
    manifest(
        "r/20240101-20240201/r-Manifest.json",
        "202401",
        "a",
        "r/20240101-20240201/a/r-1.csv.gz",
        "r/20240101-20240201/a/r-2.csv.gz");
    manifest(
        "r/20240201-20240301/r-Manifest.json", "202402", "b", "r/20240201-20240301/b/r-1.csv.gz");
    Discovery found = discovery.discover(List.of(uri(dir)), Optional.empty());
    assertEquals(List.of("r/20240201-20240301/b/r-1.csv.gz"), names(found));
    assertEquals(1, found.failures().size());
    assertEquals("MANIFEST_FILE_MISSING", found.failures().get(0).reasonCode());
    assertEquals("2024-01", found.failures().get(0).billingPeriod().get());
    assertTrue(
        found.failures().get(0).message().contains("r-2.csv.gz"),
        found.failures().get(0).message());
  }

  @Test
  void twoAssemblyManifestsWithoutAPeriodManifestAreAmbiguous() throws IOException {
    touch("r/20240101-20240201/a/r-1.csv.gz");
    touch("r/20240101-20240201/b/r-1.csv.gz");
    manifest(
        "r/20240101-20240201/a/r-Manifest.json", "202401", "a", "r/20240101-20240201/a/r-1.csv.gz");
    manifest(
        "r/20240101-20240201/b/r-Manifest.json", "202401", "b", "r/20240101-20240201/b/r-1.csv.gz");
    Discovery found = discovery.discover(List.of(uri(dir)), Optional.empty());
    assertEquals(List.of(), found.files());
    assertEquals("AMBIGUOUS_MANIFESTS", found.failures().get(0).reasonCode());
  }

  @Test
  void aBrokenManifestIsAFailureNotACrash() throws IOException {
    touch("r/20240101-20240201/a/r-1.csv.gz");
    Path m = dir.resolve("r/20240101-20240201/r-Manifest.json");
    Files.writeString(m, "{\"reportKeys\": [", StandardCharsets.UTF_8);
    Discovery found = discovery.discover(List.of(uri(dir)), Optional.empty());
    assertEquals("BAD_MANIFEST", found.failures().get(0).reasonCode());
    assertEquals("2024-01", found.failures().get(0).billingPeriod().get());
    assertTrue(found.failures().get(0).message().contains(m.getFileName().toString()));
  }

  @Test
  void withoutManifestsEveryExportFileIsReadAndOthersAreNot() throws IOException {
    touch("exports/a.csv");
    touch("exports/b.csv.gz");
    touch("exports/c.snappy.parquet");
    touch("exports/notes.txt");
    touch("exports/_SUCCESS");
    Discovery found = discovery.discover(List.of(uri(dir.resolve("exports"))), Optional.empty());
    assertEquals(3, found.files().size());
    assertEquals(ExportFile.Layout.PARQUET, found.files().get(2).layout());
  }

  @Test
  void aSingleFileIsASource() throws IOException {
    Path file = touch("one.csv");
    assertEquals(1, discovery.discover(List.of(uri(file)), Optional.empty()).files().size());
  }

  @Test
  void aMissingSourceIsAClearError() {
    CostlakeException e =
        assertThrows(
            CostlakeException.class,
            () -> discovery.discover(List.of(uri(dir.resolve("nope"))), Optional.empty()));
    assertTrue(e.getMessage().endsWith("nope: no such file or folder"), e.getMessage());
  }

  @Test
  void aFolderWithoutExportsIsAClearError() throws IOException {
    touch("empty/readme.md");
    CostlakeException e =
        assertThrows(
            CostlakeException.class,
            () -> discovery.discover(List.of(uri(dir.resolve("empty"))), Optional.empty()));
    assertTrue(e.getMessage().contains("no AWS CUR export files found"), e.getMessage());
  }
}
