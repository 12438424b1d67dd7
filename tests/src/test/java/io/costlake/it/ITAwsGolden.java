package io.costlake.it;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written CUR fixture (RI and Savings Plan fees, negation, EDP with net columns, tax,
 * credit, a refund of the previous period, Spot, Marketplace) against its golden FOCUS rows.
 */
class ITAwsGolden {
  private static final String FIXTURE = "/fixtures/aws/cur1-commitments-and-adjustments";
  // Decimals compared by value; an empty cell is null.
  private static final List<String> MONEY =
      List.of(
          "BilledCost",
          "EffectiveCost",
          "ListCost",
          "ContractedCost",
          "ListUnitPrice",
          "ContractedUnitPrice",
          "PricingQuantity",
          "ConsumedQuantity");

  @TempDir Path dir;

  private final SparkSession spark = TestSpark.session();

  @Test
  void theFixtureMapsExactlyToItsGoldenRows() throws IOException {
    Path source = dir.resolve("cur.csv");
    try (InputStream in = getClass().getResourceAsStream(FIXTURE + ".csv")) {
      Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
    }
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Cli cli =
        Cli.run(
            "ingest",
            "--provider",
            "aws",
            "--warehouse",
            warehouse,
            "--source",
            Fixtures.uri(source));
    assertEquals(0, cli.exitCode, cli.toString());

    List<String> golden;
    try (InputStream in = getClass().getResourceAsStream(FIXTURE + ".expected.csv")) {
      golden = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
    String[] columns = golden.get(0).split(",");
    List<Row> actual =
        spark
            .read()
            .format("delta")
            .load(warehouse + "/cost_line_items")
            .selectExpr(columns)
            .orderBy("x_SourceRow", "x_RowOrigin")
            .collectAsList();
    assertEquals(golden.size() - 1, actual.size());
    for (int i = 0; i < actual.size(); i++) {
      String[] expected = golden.get(i + 1).split(",", -1);
      Row row = actual.get(i);
      for (int c = 0; c < columns.length; c++) {
        String what = "row " + expected[0] + " " + expected[1] + " " + columns[c];
        Object value = row.get(c);
        if (MONEY.contains(columns[c]) && !expected[c].isEmpty()) {
          assertMoney(expected[c], value, what);
        } else if (expected[c].isEmpty()) {
          assertEquals(null, value, what);
        } else {
          assertEquals(expected[c], String.valueOf(value), what);
        }
      }
    }

    Row totals =
        spark
            .read()
            .format("delta")
            .load(warehouse + "/cost_line_items")
            .selectExpr("SUM(BilledCost)", "SUM(EffectiveCost)")
            .head();
    assertMoney("264.43", totals.get(0), "BilledCost sums to the net unblended cost (the invoice)");
    assertMoney("56.014", totals.get(1), "EffectiveCost sums to AWS's net amortized cost");
    Row run = spark.read().format("delta").load(warehouse + "/ingest_runs").head();
    assertMoney("264.43", run.getAs("cost_in"));
    assertEquals(13L, (long) run.getAs("rows_in"));
    assertEquals(2L, (long) run.getAs("rows_derived"));
    assertEquals(BigDecimal.ZERO.compareTo(run.getAs("cost_quarantined")), 0);
  }
}
