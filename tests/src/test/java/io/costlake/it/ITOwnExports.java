package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The README's "Your own exports", followed as written: the demo's exports laid out in the buckets
 * and folders the chapter shows (as each provider delivers them), then each provider's {@code
 * ingest} command of the chapter, with only its bucket pointed at a local folder. Every row the
 * demo ingested from those files lands again, to the cent.
 */
class ITOwnExports {
  private static final String PERIOD = "2025-10";

  @Test
  void eachProvidersCommandReadsItsExportAsDelivered() throws IOException {
    DemoRun demo = DemoRun.get();
    Path dir = Path.of("target", "own-exports").toAbsolutePath();
    Fixtures.deleteRecursively(dir);
    Path input = Path.of(demo.input);
    // Where the chapter's buckets are, here.
    Map<String, Path> buckets =
        Map.of(
            "s3a://my-billing-bucket/", dir.resolve("s3"),
            "gs://my-billing-bucket/", dir.resolve("gcs"),
            "abfss://exports@mybillingstorage.dfs.core.windows.net/", dir.resolve("adls"));
    Fixtures.copyTree(input.resolve("aws-cur"), dir.resolve("s3/cur"));
    Fixtures.copyTree(input.resolve("gcp-billing-export"), dir.resolve("gcs/gcp-billing"));
    try (Stream<Path> scopes = Files.list(input.resolve("azure-cost-exports"))) {
      Path scope = scopes.findFirst().orElseThrow();
      Fixtures.copyTree(scope, dir.resolve("adls/costlake"));
    }
    // Azure's exports write a manifest.json beside each run's parts.
    try (Stream<Path> parts = Files.walk(dir.resolve("adls"))) {
      for (Path part :
          (Iterable<Path>) parts.filter(p -> p.toString().endsWith(".csv"))::iterator) {
        Files.writeString(
            part.resolveSibling("manifest.json"), "{\"manifestVersion\":\"2024-04-01\"}");
      }
    }

    List<List<String>> commands = readmeCommands();
    assertEquals(3, commands.size(), "one ingest command per provider: " + commands);
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>();
      for (String arg : command) {
        String local = arg;
        for (Map.Entry<String, Path> bucket : buckets.entrySet()) {
          if (arg.startsWith(bucket.getKey())) {
            local = Fixtures.uri(bucket.getValue()) + "/" + arg.substring(bucket.getKey().length());
          }
        }
        args.add(local);
      }
      args.addAll(List.of("--warehouse", warehouse));
      Cli ingest = Cli.run(args.toArray(new String[0]));
      assertEquals(0, ingest.exitCode, command + "\n" + ingest);
      String provider = command.get(command.indexOf("--provider") + 1);
      assertEquals(
          totals(demo.warehouse, provider),
          totals(warehouse, provider),
          provider + ": rows and BilledCost of " + PERIOD + " as the demo ingested them");
    }
  }

  /** Rows and BilledCost of one provider's period. */
  private static String totals(String warehouse, String provider) {
    Row row =
        TestSpark.session()
            .read()
            .format("delta")
            .load(warehouse + "/cost_line_items")
            .where("x_Provider = '" + provider + "' AND x_BillingPeriod = '" + PERIOD + "'")
            .selectExpr("COUNT(*)", "SUM(BilledCost)")
            .first();
    assertTrue(row.getLong(0) > 0, provider + " has rows in " + warehouse);
    BigDecimal billed = row.getDecimal(1);
    return row.getLong(0) + " rows, " + billed.toPlainString();
  }

  /** The {@code ./costlake ingest} lines of the README's "Your own exports", as arguments. */
  static List<List<String>> readmeCommands() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("## Your own exports");
    String chapter = readme.substring(start, readme.indexOf("\n## ", start + 1));
    List<List<String>> commands = new ArrayList<>();
    for (String line : chapter.split("\n")) {
      if (line.startsWith("./costlake ingest ")) {
        List<String> args = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
        args.remove(0); // ./costlake
        commands.add(args);
      }
    }
    return commands;
  }
}
