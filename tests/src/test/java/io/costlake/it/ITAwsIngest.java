package io.costlake.it;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS ingest invariants of ARCHITECTURE.md, end to end through the CLI on real Delta tables:
 * nothing lost per file (rows and cost, checked against an independent reading of each file),
 * idempotent re-ingest, a restated assembly replacing exactly its slice in one commit, time travel,
 * and older assemblies never read.
 */
class ITAwsIngest {
  @TempDir Path dir;

  private final SparkSession spark = TestSpark.session();

  private TestWarehouse lake() {
    return new TestWarehouse(dir.resolve("warehouse"));
  }

  private String warehouse() {
    return lake().uri();
  }

  private Dataset<Row> table(String name) {
    return lake().table(name);
  }

  private Cli ingest(String... sources) {
    return lake().ingest(sources);
  }

  @Test
  void theAccountDirectoryNamesTheAccountAndARenameRewritesItsSlice() throws IOException {
    Path source = dir.resolve("source");
    Files.createDirectories(source);
    Files.copy(
        Fixtures.awsSamples(dir.resolve("samples")).resolve("koku_test_cur.csv"),
        source.resolve("cur.csv"));
    Path accounts = dir.resolve("accounts.csv");
    Files.write(accounts, List.of("account_id,name,provider", "6838635603105,Koku payer,aws"));
    Cli named = ingestNamed(source, accounts);
    assertEquals(0, named.exitCode, named.toString());
    assertEquals(List.of("Koku payer"), billingAccountNames());
    Cli again = ingestNamed(source, accounts);
    assertTrue(again.out.contains("0 written, 1 unchanged"), again.out);

    Files.write(accounts, List.of("account_id,name,provider", "6838635603105,Koku Inc,aws"));
    Cli renamed = ingestNamed(source, accounts);
    assertTrue(renamed.out.contains("1 written, 0 unchanged"), renamed.out);
    assertEquals(List.of("Koku Inc"), billingAccountNames());
  }

  private Cli ingestNamed(Path source, Path accounts) {
    return Cli.run(
        "ingest",
        "--provider",
        "aws",
        "--warehouse",
        warehouse(),
        "--source",
        Fixtures.uri(source),
        "--set",
        "ingest.accountsFile=" + Fixtures.uri(accounts));
  }

  private List<String> billingAccountNames() {
    List<String> names = new ArrayList<>();
    for (Row row :
        table("cost_line_items").select("BillingAccountName").distinct().collectAsList()) {
      names.add(row.getString(0));
    }
    return names;
  }

  @Test
  void nothingIsLostPerFileAndCostsMatchAnIndependentReading() throws IOException {
    Path samples = Fixtures.awsSamples(dir.resolve("samples"));
    Path generated = dir.resolve("generated");
    Fixtures.generated(generated, 3_000, 2, true);
    Cli cli = ingest(Fixtures.uri(samples), Fixtures.uri(generated));
    assertEquals(0, cli.exitCode, cli.toString());

    List<Path> files = new ArrayList<>(Fixtures.files(samples, ".csv"));
    for (Path part : Fixtures.files(generated, ".csv.gz")) {
      if (!part.toString().contains("older") && isCurrentAssembly(part)) {
        files.add(part);
      }
    }
    List<Row> runs = table("ingest_runs").collectAsList();
    assertEquals(files.size(), runs.size(), "one ingest_runs row per file read");
    for (Path file : files) {
      String uri = Fixtures.uri(file);
      Row run =
          runs.stream()
              .filter(r -> r.getAs("source_file").equals(uri))
              .findFirst()
              .orElseThrow(() -> new AssertionError(uri + " not among " + runs));
      Oracle expected = Oracle.of(file);
      long rowsIn = run.getAs("rows_in");
      long written = run.getAs("rows_written");
      long quarantined = run.getAs("rows_quarantined");
      long outOfScope = run.getAs("rows_out_of_scope");
      assertEquals(expected.rows, rowsIn, uri);
      assertEquals(rowsIn, written + quarantined + outOfScope, uri);
      assertMoney(expected.cost.toPlainString(), run.getAs("cost_in"), uri);
      BigDecimal accounted =
          ((BigDecimal) run.getAs("cost_written"))
              .add(run.getAs("cost_quarantined"))
              .add(run.getAs("cost_out_of_scope"));
      assertMoney(expected.cost.toPlainString(), accounted, uri);
      Row inTable =
          table("cost_line_items")
              .filter("x_SourceFile = '" + uri + "' AND x_RowOrigin = 'Export'")
              .selectExpr("COUNT(*)", "SUM(BilledCost)")
              .head();
      assertEquals(written, inTable.getLong(0), uri);
      assertMoney(((BigDecimal) run.getAs("cost_written")).toPlainString(), inTable.get(1), uri);
      assertEquals(64, ((String) run.getAs("file_sha256")).length());
      assertEquals("WRITTEN", run.getAs("status"));
    }
    assertEquals(0L, table("ingest_quarantine").count());
  }

  private static boolean isCurrentAssembly(Path part) throws IOException {
    Path periodManifest = part.getParent().getParent().resolve("costlake-cur-Manifest.json");
    String manifest = Files.readString(periodManifest);
    return manifest.contains(part.getParent().getFileName() + "/" + part.getFileName());
  }

  @Test
  void olderAssembliesAreNeverRead() {
    Path generated = dir.resolve("generated");
    Fixtures.generated(generated, 2_000, 1, true);
    Cli cli = ingest(Fixtures.uri(generated));
    assertEquals(0, cli.exitCode, cli.toString());
    assertTrue(cli.out.contains(", 1 not read\n"), cli.out);
    assertTrue(
        cli.out
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("  not read file:")
                        && l.endsWith(": an older assembly or another period than the manifests")),
        cli.out);
    for (Row run : table("ingest_runs").collectAsList()) {
      assertTrue(
          ((String) run.getAs("manifest"))
              .endsWith("20250101-20250201/costlake-cur-Manifest.json"));
      assertFalse(
          ((String) run.getAs("source_file")).contains(olderAssemblyId()),
          "an older assembly was read");
    }
  }

  private String olderAssemblyId() {
    return Fixtures.files(dir.resolve("generated"), ".csv.gz").stream()
        .map(p -> p.getParent().getFileName().toString())
        .filter(
            id -> {
              try {
                return !Files.readString(
                        dir.resolve(
                            "generated/costlake-cur/20250101-20250201/costlake-cur-Manifest.json"))
                    .contains(id);
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            })
        .findFirst()
        .orElseThrow();
  }

  @Test
  void periodIngestsOnlyThatMonthAndCountsTheRestOutOfScope() throws IOException {
    Path generated = dir.resolve("generated");
    Fixtures.generated(generated, 2_000, 2, false);
    Path loose = dir.resolve("loose");
    Files.createDirectories(loose);
    Files.copy(
        Fixtures.files(generated.resolve("costlake-cur/20250101-20250201"), ".csv.gz").get(0),
        loose.resolve("january.csv.gz"));
    Cli manifests =
        Cli.run(
            "ingest",
            "--provider",
            "aws",
            "--warehouse",
            warehouse(),
            "--source",
            Fixtures.uri(generated),
            "--period",
            "2025-02");
    assertEquals(0, manifests.exitCode, manifests.toString());
    assertEquals(
        List.of("2025-02"),
        table("cost_line_items")
            .select("x_BillingPeriod")
            .distinct()
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());

    Cli plain =
        Cli.run(
            "ingest",
            "--provider",
            "aws",
            "--warehouse",
            warehouse(),
            "--source",
            Fixtures.uri(loose),
            "--period",
            "2025-02");
    assertEquals(1, plain.exitCode, "a file of another period only: nothing to ingest");
    assertTrue(plain.oneLineError(), plain.err);
    assertTrue(
        plain.err.contains("Nothing to ingest: no rows of 2025-02 in the files read (")
            && plain.err.contains(" rows of other periods)"),
        plain.err);
    assertTrue(plain.out.contains("out of scope"), plain.out);
    Row run = table("ingest_runs").filter("source_file LIKE '%january.csv.gz'").head();
    assertEquals((long) run.getAs("rows_in"), (long) run.getAs("rows_out_of_scope"));
    assertEquals(0L, (long) run.getAs("rows_written"));
  }

  @Test
  void reIngestingTheSameFilesLeavesTheTableIdentical() {
    Path generated = dir.resolve("generated");
    Fixtures.generated(generated, 2_000, 2, false);
    Path samples = Fixtures.awsSamples(dir.resolve("samples"));
    assertEquals(0, ingest(Fixtures.uri(generated), Fixtures.uri(samples)).exitCode);
    long version = lake().version("cost_line_items");
    List<Row> before = content(table("cost_line_items"));

    Cli again = ingest(Fixtures.uri(generated), Fixtures.uri(samples));
    assertEquals(0, again.exitCode, again.toString());
    assertTrue(again.out.contains("0 written, 5 unchanged, 0 failed"), again.out);
    assertEquals(version, lake().version("cost_line_items"));
    assertEquals(before, content(table("cost_line_items")));

    Cli forced =
        Cli.run(
            "ingest",
            "--provider",
            "aws",
            "--warehouse",
            warehouse(),
            "--source",
            Fixtures.uri(generated),
            "--source",
            Fixtures.uri(samples),
            "--conf",
            Cli.testConf().toString(),
            "--set",
            "ingest.skipUnchangedSlices=false");
    assertEquals(0, forced.exitCode, forced.toString());
    assertTrue(forced.out.contains("5 written, 0 unchanged"), forced.out);
    assertEquals(
        content(before, "x_IngestRunId"),
        content(content(table("cost_line_items")), "x_IngestRunId"),
        "a forced rewrite changes nothing but the run id");
  }

  @Test
  void aRestatedAssemblyReplacesExactlyItsSliceInOneCommit() throws IOException {
    Path generated = dir.resolve("generated");
    Fixtures.generated(generated, 2_000, 2, false);
    assertEquals(0, ingest(Fixtures.uri(generated)).exitCode);
    String table = warehouse() + "/cost_line_items";
    long before = lake().version("cost_line_items");
    long januaryBefore = table("cost_line_items").filter("x_BillingPeriod = '2025-01'").count();
    List<Row> februaryBefore =
        content(table("cost_line_items").filter("x_BillingPeriod = '2025-02'"));

    restate(generated.resolve("costlake-cur/20250101-20250201"), 10);
    Cli cli = ingest(Fixtures.uri(generated));
    assertEquals(0, cli.exitCode, cli.toString());
    assertTrue(cli.out.contains("1 written, 1 unchanged"), cli.out);

    long after = lake().version("cost_line_items");
    assertEquals(before + 1, after, "one commit replaces the slice");
    assertEquals(
        januaryBefore - 10, table("cost_line_items").filter("x_BillingPeriod = '2025-01'").count());
    assertEquals(
        februaryBefore, content(table("cost_line_items").filter("x_BillingPeriod = '2025-02'")));
    long timeTravel =
        spark
            .read()
            .format("delta")
            .option("versionAsOf", before)
            .load(table)
            .filter("x_BillingPeriod = '2025-01'")
            .count();
    assertEquals(januaryBefore, timeTravel, "the previous version stays readable");
    Cli sql =
        Cli.run(
            "sql",
            "--warehouse",
            warehouse(),
            "--format",
            "csv",
            "SELECT COUNT(*) AS n FROM cost_line_items VERSION AS OF "
                + before
                + " WHERE x_BillingPeriod = '2025-01'");
    assertEquals("n\n" + januaryBefore + "\n", sql.out, sql.toString());
  }

  /**
   * The provider re-delivers a month: a new assembly holding the current one's rows (the one the
   * period's manifest names, whatever older ones lie beside it) less the last {@code dropped}; the
   * manifest then names the new one.
   */
  static void restate(Path period, int dropped) throws IOException {
    restate(period, lines -> lines.subList(0, lines.size() - dropped));
  }

  /**
   * Re-delivers {@code period} as a new assembly of the current one's lines, changed by {@code
   * edit}.
   */
  static void restate(Path period, java.util.function.UnaryOperator<List<String>> edit)
      throws IOException {
    Path manifest = period.resolve("costlake-cur-Manifest.json");
    String json = Files.readString(manifest);
    Path current =
        Fixtures.files(period, ".csv.gz").stream()
            .filter(p -> json.contains(p.getParent().getFileName() + "/"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no current assembly in " + manifest));
    List<String> lines = Fixtures.gunzipLines(current);
    Path restated = period.resolve("restated-assembly").resolve(current.getFileName());
    Files.createDirectories(restated.getParent());
    Fixtures.gzipLines(restated, edit.apply(lines));
    Files.writeString(
        manifest, json.replace(current.getParent().getFileName().toString(), "restated-assembly"));
  }

  private static List<Row> content(Dataset<Row> rows) {
    return rows.orderBy("x_SourceFile", "x_SourceRow", "x_RowOrigin").collectAsList();
  }

  private static List<List<Object>> content(List<Row> rows, String without) {
    List<List<Object>> values = new ArrayList<>();
    for (Row row : rows) {
      List<Object> fields = new ArrayList<>();
      for (String name : row.schema().fieldNames()) {
        if (!name.equals(without)) {
          fields.add(row.getAs(name));
        }
      }
      values.add(fields);
    }
    return values;
  }

  /** Rows and billed cost of a CUR file, read without any costlake code. */
  static final class Oracle {
    final long rows;
    final BigDecimal cost;

    private Oracle(long rows, BigDecimal cost) {
      this.rows = rows;
      this.cost = cost;
    }

    static Oracle of(Path file) throws IOException {
      CsvParserSettings settings = new CsvParserSettings();
      settings.setMaxColumns(5000);
      settings.setMaxCharsPerColumn(-1);
      settings.setLineSeparatorDetectionEnabled(true);
      CsvParser parser = new CsvParser(settings);
      try (InputStream raw = Files.newInputStream(file);
          InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
        List<String[]> records = parser.parseAll(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> header = Arrays.asList(records.get(0));
        int unblended = index(header, "lineItem/UnblendedCost", "line_item_unblended_cost");
        int net = index(header, "lineItem/NetUnblendedCost", "line_item_net_unblended_cost");
        BigDecimal sum = BigDecimal.ZERO;
        for (String[] record : records.subList(1, records.size())) {
          String value = net >= 0 && record[net] != null ? record[net] : record[unblended];
          sum = sum.add(new BigDecimal(value).setScale(10, RoundingMode.HALF_UP));
        }
        return new Oracle(records.size() - 1, sum);
      }
    }

    private static int index(List<String> header, String... names) {
      for (String name : names) {
        if (header.contains(name)) {
          return header.indexOf(name);
        }
      }
      return -1;
    }
  }
}
