package io.costlake.it;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `costlake samples` as the README gives it: the bundled public exports, in a warehouse of theirs.
 */
class ITSamples {
  private static final Path INDEX =
      Path.of("..", "tools", "src", "main", "resources", "io", "costlake", "samples", "index.txt");

  @TempDir Path dir;

  @Test
  void everyBundledSampleIsIngestedAndEveryJobRunsOverThem() throws IOException {
    String warehouse = Fixtures.uri(dir.resolve("samples-warehouse"));
    Cli samples =
        Cli.run(
            "samples",
            "--warehouse",
            warehouse,
            "--conf",
            Cli.testConf().toString(),
            "--set",
            "demo.inputDir=" + dir.resolve("input"));
    assertEquals(0, samples.exitCode, samples.toString());

    // Every file of the index, counted from what is on disk, not from what the job says.
    List<String> index =
        Files.readAllLines(INDEX).stream().filter(l -> !l.isBlank()).collect(Collectors.toList());
    try (Stream<Path> walk = Files.walk(dir.resolve("input").resolve("samples"))) {
      assertEquals(index.size(), walk.filter(Files::isRegularFile).count());
    }
    assertTrue(
        samples.out.contains("samples: " + index.size() + " public sample files"), samples.out);
    for (String provider : List.of("aws", "gcp", "azure", "focus")) {
      assertTrue(samples.out.contains("ingest " + provider + ": run"), samples.out);
    }
    // The spec's two hour-30 rows are the only rows held back.
    assertTrue(samples.out.contains("25 read: 23 in the table, 2 quarantined"), samples.out);
    assertTrue(samples.out.contains("pipeline: 7 billing periods up to date"), samples.out);

    Cli sql =
        Cli.sqlCsv(
            warehouse,
            "SELECT x_BillingPeriod, BillingAccountId, ChargeCategory, SUM(BilledCost),"
                + " SUM(EffectiveCost) FROM cost_line_items GROUP BY ALL ORDER BY ALL");
    assertEquals(0, sql.exitCode, sql.toString());
    assertTrue(sql.out.contains("2018-06,6838635603105,Usage,0.0827499840,0.0827499840"), sql.out);
    Cli periods =
        Cli.sqlCsv(
            warehouse,
            "SELECT COUNT(DISTINCT x_BillingPeriod) AS periods, MAX(x_BillingPeriod) AS last"
                + " FROM usage_monthly");
    assertEquals("periods,last\n7,2023-09\n", periods.out.replace("\r", ""), periods.toString());

    // Every FOCUS rule the samples' rows break is explained in the README.
    Cli validate = Cli.run("validate", "--warehouse", warehouse);
    assertEquals(0, validate.exitCode, validate.toString());
    String readme = Files.readString(Path.of("..", "README.md"));
    List<String> unexplained =
        TestSpark.session()
            .read()
            .format("delta")
            .load(warehouse + "/focus_conformance")
            .filter("status IN ('FAIL', 'WARN') AND rule_function <> 'Composite'")
            .select("rule_id")
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .filter(id -> !readme.contains(id))
            .collect(Collectors.toList());
    assertEquals(List.of(), unexplained, "rules the samples break but the README does not name");

    // The FOCUS spec's examples come out of amortize as the spec shows them.
    List<Row> rows =
        TestSpark.session()
            .read()
            .format("delta")
            .load(warehouse + "/cost_amortized")
            .filter("x_Provider = 'focus'")
            .select("x_SourceFile", "x_SourceRow", "EffectiveCost", "x_AmortizationMethod")
            .collectAsList();
    assertEquals(23, rows.size(), "25 example rows, two quarantined by ingest");
    for (Row row : rows) {
      Path file = Path.of(java.net.URI.create(row.getString(0)));
      List<Row> source =
          TestSpark.session().read().option("header", "true").csv(file.toString()).collectAsList();
      Row expected = source.get((int) row.getLong(1) - 1);
      assertMoney(
          expected.getString(expected.fieldIndex("EffectiveCost")),
          row.getDecimal(2),
          file.getFileName() + " row " + row.getLong(1));
      assertEquals("Provider", row.getString(3));
    }
  }
}
