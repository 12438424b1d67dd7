package io.costlake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.errors.CostlakeException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Config read from object storage resolves the files it names against its own folder. */
class ConfigLocationTest {
  /** A bucket in memory: location to text. */
  private static ConfigFiles bucket(Map<String, String> files) {
    return location -> Optional.ofNullable(files.get(location.toString()));
  }

  @Test
  void remoteLocationsResolveAgainstTheirFolder() {
    ConfigLocation file = ConfigLocation.of("s3a://my-bucket/costlake/conf/costlake.yaml");
    assertFalse(file.isLocal());
    assertEquals("s3a://my-bucket/costlake/conf", file.folder().toString());
    assertEquals(
        "s3a://my-bucket/costlake/conf/drivers/eks.csv",
        file.folder().resolveWithin("drivers/eks.csv").toString());
    assertEquals(
        "s3a://my-bucket/costlake/conf/x.csv",
        file.folder().resolveWithin("./sub/../x.csv").toString());
    assertNull(file.folder().resolveWithin("../other/x.csv"));
    assertNull(file.folder().resolveWithin("sub/../../x.csv"));
  }

  @Test
  void localPathsAndFileUrisAreLocal() {
    assertTrue(ConfigLocation.of("conf/costlake.yaml").isLocal());
    assertEquals(
        Paths.get("conf/costlake.yaml").toAbsolutePath().normalize(),
        ConfigLocation.of("conf/costlake.yaml").localPath());
    assertEquals(Path.of("/tmp/c.yaml"), ConfigLocation.of("file:/tmp/c.yaml").localPath());
    assertEquals(Path.of("/tmp/c.yaml"), ConfigLocation.of("file:///tmp/c.yaml").localPath());
  }

  @Test
  void aLoginInTheAddressIsRefusedAndMasked() {
    CostlakeException e =
        assertThrows(
            CostlakeException.class,
            () -> ConfigLocation.of("s3a://AKIAXX:se/cr+et@my-bucket/conf/costlake.yaml"));
    assertFalse(e.getMessage().contains("se/cr+et"), e.getMessage());
    assertTrue(e.getMessage().contains("s3a://***@my-bucket/conf/costlake.yaml"), e.getMessage());
  }

  @Test
  void includesAndFileKeysOfARemoteConfigResolveInItsBucket() throws IOException {
    Map<String, String> files = new HashMap<>();
    files.put(
        "gs://ops/costlake/conf/costlake.yaml",
        "include: [policy/allocation.yaml]\nreconcile:\n  invoicesFile: invoices.csv\n");
    files.put(
        "gs://ops/costlake/conf/policy/allocation.yaml",
        "tags:\n  owner:\n    chain: [account]\n    accountsFile: owners/accounts.csv\n");
    CostlakeConfig config =
        ConfigLoader.load(
            List.of(ConfigLocation.of("gs://ops/costlake/conf/costlake.yaml")),
            List.of(),
            bucket(files));
    assertEquals(
        List.of("gs://ops/costlake/conf/invoices.csv"), config.reconcile().invoicesFiles());
    assertEquals(
        "gs://ops/costlake/conf/policy/owners/accounts.csv", config.tags().owner().accountsFile());
  }

  @Test
  void aMissingIncludeOnObjectStorageIsNamedInFull() {
    Map<String, String> files =
        Map.of("s3a://b/conf/costlake.yaml", "include: [allocation.yaml]\n");
    CostlakeException e =
        assertThrows(
            CostlakeException.class,
            () ->
                ConfigLoader.load(
                    List.of(ConfigLocation.of("s3a://b/conf/costlake.yaml")),
                    List.of(),
                    bucket(files)));
    assertEquals("Cannot read config s3a://b/conf/allocation.yaml: no such file", e.getMessage());
    assertEquals(2, e.kind().exitCode());
  }

  @Test
  void aRemoteIncludeMayNotClimbOutOfItsFolder() {
    Map<String, String> files = Map.of("s3a://b/conf/costlake.yaml", "include: [../x.yaml]\n");
    CostlakeException e =
        assertThrows(
            CostlakeException.class,
            () ->
                ConfigLoader.load(
                    List.of(ConfigLocation.of("s3a://b/conf/costlake.yaml")),
                    List.of(),
                    bucket(files)));
    assertTrue(e.getMessage().contains("../x.yaml"), e.getMessage());
  }
}
