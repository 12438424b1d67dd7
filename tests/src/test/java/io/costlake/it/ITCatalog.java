package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.model.FocusColumn;
import io.costlake.testing.TestSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** costlake catalog: every table by name in the session catalog, and OPTIMIZE / Z-ORDER. */
class ITCatalog {
  private static final String DATABASE = "costlake_catalog_it";

  @TempDir Path dir;

  @Test
  void registersEveryTableByNameWithItsCommentsAndOptimizesWithoutChangingContent() {
    TestWarehouse lake = new TestWarehouse(dir.resolve("warehouse"));
    Path samples = Fixtures.awsSamples(dir.resolve("samples"));
    Cli ingest = lake.ingest(samples.toString());
    assertEquals(0, ingest.exitCode, ingest.toString());
    SparkSession spark = TestSpark.session();
    String path = lake.uri() + "/cost_line_items";
    BigDecimal billedBefore = billed(spark, "delta.`" + path + "`");
    long versionBefore = lake.version("cost_line_items");

    Cli catalog =
        Cli.run("catalog", "--warehouse", lake.uri(), "--database", DATABASE, "--optimize");
    assertEquals(0, catalog.exitCode, catalog.toString());
    for (String table : List.of("cost_line_items", "ingest_runs", "ingest_slices")) {
      assertTrue(catalog.out.contains(DATABASE + "." + table), catalog.out);
    }
    assertTrue(catalog.out.contains(" created, optimized: "), catalog.out);

    // By name, with the same rows and the column comments of the model.
    String name = DATABASE + ".cost_line_items";
    assertEquals(billedBefore, billed(spark, name));
    String comment =
        spark.sql("DESCRIBE TABLE " + name).collectAsList().stream()
            .filter(r -> r.getString(0).equals("BilledCost"))
            .map(r -> r.getString(2))
            .findFirst()
            .orElse(null);
    assertEquals(FocusColumn.BilledCost.comment(), comment);

    // One OPTIMIZE commit, Z-ordered, content unchanged, the version before still readable.
    assertEquals(versionBefore + 1, lake.version("cost_line_items"));
    Row last = spark.sql("DESCRIBE HISTORY " + name + " LIMIT 1").collectAsList().get(0);
    assertEquals("OPTIMIZE", last.getAs("operation"));
    assertTrue(
        last.getJavaMap(last.fieldIndex("operationParameters"))
            .get("zOrderBy")
            .toString()
            .contains("ServiceName"),
        last.toString());
    assertEquals(
        billedBefore, billed(spark, "delta.`" + path + "` VERSION AS OF " + versionBefore));

    // Again: the entries already point here and are left as they are.
    Cli again = Cli.run("catalog", "--warehouse", lake.uri(), "--database", DATABASE);
    assertEquals(0, again.exitCode, again.toString());
    List<String> lines =
        again.out.lines().filter(l -> l.startsWith("  ")).collect(Collectors.toList());
    assertTrue(
        lines.size() >= 3 && lines.stream().allMatch(l -> l.endsWith(" unchanged")), again.out);

    // The warehouse moves and the old folder is deleted: the stale entries (their files gone)
    // are re-pointed, from the catalog's own record, without reading the missing tables.
    TestWarehouse moved = new TestWarehouse(dir.resolve("moved"));
    assertEquals(0, moved.ingest(samples.toString()).exitCode);
    // `sql` names the old warehouse's tables in the current database too, before it goes.
    assertEquals(0, Cli.sqlCsv(lake.uri(), "SELECT 1").exitCode);
    Fixtures.deleteRecursively(dir.resolve("warehouse"));
    Cli repointed = Cli.run("catalog", "--warehouse", moved.uri(), "--database", DATABASE);
    assertEquals(0, repointed.exitCode, repointed.toString());
    assertTrue(repointed.out.matches("(?s).*\\.cost_line_items +moved\n.*"), repointed.out);
    assertEquals(billedBefore, billed(spark, name));
    Cli byName = Cli.sqlCsv(moved.uri(), "SELECT SUM(BilledCost) FROM cost_line_items");
    assertEquals(
        "sum(BilledCost)\n" + billedBefore.toPlainString() + "\n", byName.out, byName.toString());

    Cli badName = Cli.run("catalog", "--warehouse", lake.uri(), "--database", "x; DROP");
    assertEquals(2, badName.exitCode, badName.toString());
    assertTrue(badName.oneLineError(), badName.err);
  }

  private static BigDecimal billed(SparkSession spark, String table) {
    return spark.sql("SELECT SUM(BilledCost) FROM " + table).head().getDecimal(0);
  }
}
