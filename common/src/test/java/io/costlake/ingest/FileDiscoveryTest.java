package io.costlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.errors.CostlakeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiscoveryTest {
  @TempDir Path dir;

  @Test
  void aSourceWithoutExportFilesNamesWhatItHoldsInstead() throws IOException {
    Files.write(dir.resolve("export.jsonl.zip"), new byte[] {1});
    Files.write(dir.resolve("notes.txt"), new byte[] {1});
    String source = dir.toUri().toString();
    CostlakeException e =
        assertThrows(
            CostlakeException.class,
            () ->
                new FileDiscovery(new Configuration())
                    .discover(
                        List.of(source), Set.of(ExportFile.Layout.JSON), "GCP billing export"));
    assertTrue(
        e.getMessage().contains(": no GCP billing export files found there; not read: "),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("export.jsonl.zip: " + Discovery.NOT_AN_EXPORT), e.getMessage());
    assertTrue(e.getMessage().contains("notes.txt: " + Discovery.NOT_AN_EXPORT), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }
}
