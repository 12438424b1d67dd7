package io.costlake.config;

import static java.util.stream.Collectors.toList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.errors.CostlakeException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path yaml(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void defaultsApplyWithoutAnyFile() {
    CostlakeConfig config = ConfigLoader.load(List.of(), List.of());
    assertEquals("warehouse", config.warehouse());
    assertFalse(config.spark().shufflePartitions().isPresent());
    assertFalse(config.spark().master().isPresent());
    assertEquals(0, new BigDecimal("0.10").compareTo(config.ingest().maxQuarantinedFraction()));
    assertTrue(config.ingest().skipUnchangedSlices());
  }

  @Test
  void laterFilesAndSetOptionsWin() throws IOException {
    Path job =
        yaml("job.yaml", "warehouse: w1\nspark:\n  master: local[2]\n  shufflePartitions: 4\n");
    Path env = yaml("env.yaml", "warehouse: s3a://bucket/lake\n");
    CostlakeConfig config =
        ConfigLoader.load(
            List.of(job, env),
            List.of(
                "spark.shufflePartitions=16", "spark.settings.spark.sql.adaptive.enabled=false"));
    assertEquals("s3a://bucket/lake", config.warehouse());
    assertEquals("local[2]", config.spark().master().get());
    assertEquals(java.util.Optional.of(16), config.spark().shufflePartitions());
    assertEquals("false", config.spark().settings().get("spark.sql.adaptive.enabled"));
  }

  @Test
  void anUnknownKeyIsNamedWithItsFile() throws IOException {
    Path file = yaml("bad.yaml", "spark:\n  shufflePartiton: 4\n");
    CostlakeException e =
        assertThrows(CostlakeException.class, () -> ConfigLoader.load(List.of(file), List.of()));
    assertEquals("Unknown config key 'spark.shufflePartiton' in " + file, e.getMessage());
    assertEquals(2, e.kind().exitCode());
  }

  @Test
  void anUnknownSetKeyIsNamedToo() {
    CostlakeException e =
        assertThrows(
            CostlakeException.class, () -> ConfigLoader.load(List.of(), List.of("ingest.nope=1")));
    assertEquals("Unknown config key 'ingest.nope' in --set", e.getMessage());
  }

  @Test
  void invalidValuesSayWhatIsWrong() throws IOException {
    Path file = yaml("bad.yaml", "ingest:\n  maxQuarantinedFraction: 2\n");
    CostlakeException e =
        assertThrows(CostlakeException.class, () -> ConfigLoader.load(List.of(file), List.of()));
    assertTrue(e.getMessage().startsWith("Invalid config value for 'ingest"), e.getMessage());
    assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
    CostlakeException notANumber =
        assertThrows(
            CostlakeException.class,
            () -> ConfigLoader.load(List.of(), List.of("spark.shufflePartitions=many")));
    assertTrue(
        notANumber.getMessage().contains("spark.shufflePartitions"), notANumber.getMessage());
  }

  @Test
  void yamlCannotInstantiateTypes() throws IOException {
    Path file =
        yaml(
            "evil.yaml",
            "warehouse: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n");
    CostlakeException e =
        assertThrows(CostlakeException.class, () -> ConfigLoader.load(List.of(file), List.of()));
    assertTrue(e.getMessage().startsWith("Cannot read config " + file), e.getMessage());
  }

  @Test
  void malformedSetAndMissingFilesAreClear() {
    assertEquals(
        "Cannot apply --set '(no key=value)': expected key=value, e.g. spark.master=local[2]"
            + " (the value is not repeated here)",
        assertThrows(
                CostlakeException.class, () -> ConfigLoader.load(List.of(), List.of("nonsense")))
            .getMessage());
    Path missing = dir.resolve("missing.yaml");
    assertEquals(
        "Cannot read config " + missing + ": no such file",
        assertThrows(CostlakeException.class, () -> ConfigLoader.load(List.of(missing), List.of()))
            .getMessage());
  }

  @Test
  void theBundledEmbeddedDefaultLoads() {
    Path conf = Path.of("..", "conf", "costlake.yaml");
    CostlakeConfig config = ConfigLoader.load(List.of(conf), List.of());
    assertEquals("warehouse", config.warehouse());
    assertEquals("local[*]", config.spark().master().get());
    // Its include brings the tag policy and the rules, their files found from any directory.
    assertEquals("team", config.tags().owner().tag());
    assertTrue(Files.isRegularFile(Path.of(config.tags().owner().accountsFile())));
    assertEquals(
        List.of("shared-networking", "logging-platform", "eks-cluster", "platform-chargeback"),
        config.allocate().rules().stream().map(AllocationRuleConfig::id).collect(toList()));
  }

  @Test
  void includesAreMergedUnderTheFileAndFilePathsResolveAgainstTheirOwnFolder() throws IOException {
    Files.createDirectories(dir.resolve("policies"));
    yaml(
        "policies/tags.yaml",
        "warehouse: from-include\ntags:\n  owner: {accountsFile: owners.csv}\n");
    Path main = yaml("main.yaml", "include: policies/tags.yaml\nwarehouse: from-main\n");
    CostlakeConfig config = ConfigLoader.load(List.of(main), List.of());
    assertEquals("from-main", config.warehouse());
    assertEquals(
        dir.resolve("policies/owners.csv").toString(), config.tags().owner().accountsFile());
    CostlakeConfig set =
        ConfigLoader.load(List.of(main), List.of("tags.owner.accountsFile=s3a://b/owners.csv"));
    assertEquals("s3a://b/owners.csv", set.tags().owner().accountsFile());

    Path loop = yaml("loop.yaml", "include: loop.yaml\n");
    CostlakeException e =
        assertThrows(CostlakeException.class, () -> ConfigLoader.load(List.of(loop), List.of()));
    assertTrue(e.getMessage().contains("it includes itself"), e.getMessage());
    Path typo = yaml("typo.yaml", "include: policies/tags.yaml\ntags: {owner: {tagg: x}}\n");
    e = assertThrows(CostlakeException.class, () -> ConfigLoader.load(List.of(typo), List.of()));
    assertEquals("Unknown config key 'tags.owner.tagg' in " + typo, e.getMessage());
  }

  private static final String PLANTED = "PLANTED-wJalrXUtnFEMI-K7MDENG-bPxRfiCY";

  @Test
  void credentialsInConfigAreRefusedWithoutRepeatingThem() throws IOException {
    Path file =
        yaml(
            "creds.yaml",
            "spark:\n  settings:\n    spark.hadoop.fs.s3a.secret.key: " + PLANTED + "\n");
    CostlakeException e =
        assertThrows(CostlakeException.class, () -> ConfigLoader.load(List.of(file), List.of()));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Refusing config key 'spark.settings.spark.hadoop.fs.s3a.secret.key' in " + file),
        e.getMessage());
    for (String set :
        List.of(
            "spark.settings.spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net=" + PLANTED,
            "spark.settings.spark.hadoop.fs.s3a.session.token=" + PLANTED,
            "spark.settings.spark.hadoop.fs.azure.account.oauth2.client.secret=" + PLANTED,
            "spark.settings.spark.hadoop.google.cloud.auth.service.account.json.keyfile=" + PLANTED,
            PLANTED,
            "=" + PLANTED)) {
      e =
          assertThrows(
              CostlakeException.class, () -> ConfigLoader.load(List.of(), List.of(set)), set);
      assertFalse(e.getMessage().contains(PLANTED), e.getMessage());
    }
    // Naming how to sign in is no secret.
    CostlakeConfig chain =
        ConfigLoader.load(
            List.of(),
            List.of(
                "spark.settings.spark.hadoop.fs.s3a.aws.credentials.provider="
                    + "com.amazonaws.auth.WebIdentityTokenCredentialsProvider"));
    assertEquals(1, chain.spark().settings().size());
  }

  @Test
  void aYamlSyntaxErrorNamesTheLineButNotItsText() throws IOException {
    Path file = yaml("broken.yaml", "warehouse: w\nspark: {master: " + PLANTED + "\n  - [\n");
    CostlakeException e =
        assertThrows(CostlakeException.class, () -> ConfigLoader.load(List.of(file), List.of()));
    assertTrue(e.getMessage().startsWith("Cannot read config " + file + ": line "), e.getMessage());
    assertFalse(e.getMessage().contains(PLANTED), e.getMessage());
  }

  @Test
  void relativeLocationsCannotLeaveTheFolderOfTheirFile() throws IOException {
    Files.createDirectories(dir.resolve("conf"));
    Path escape =
        yaml("conf/escape.yaml", "tags:\n  owner: {accountsFile: ../../etc/owners.csv}\n");
    CostlakeException e =
        assertThrows(CostlakeException.class, () -> ConfigLoader.load(List.of(escape), List.of()));
    assertEquals(
        "Cannot use accountsFile '../../etc/owners.csv' in "
            + escape
            + ": a relative location stays under "
            + dir.resolve("conf")
            + "; give an absolute path or a URI to read from elsewhere",
        e.getMessage());
    Path include = yaml("conf/include.yaml", "include: ../outside.yaml\n");
    e = assertThrows(CostlakeException.class, () -> ConfigLoader.load(List.of(include), List.of()));
    assertTrue(e.getMessage().startsWith("Cannot use include '../outside.yaml'"), e.getMessage());
    // Written out in full, another place is a deliberate choice.
    Path absolute =
        yaml(
            "conf/absolute.yaml",
            "tags:\n  owner: {accountsFile: " + dir.resolve("owners.csv") + "}\n");
    assertEquals(
        dir.resolve("owners.csv").toString(),
        ConfigLoader.load(List.of(absolute), List.of()).tags().owner().accountsFile());
  }
}
