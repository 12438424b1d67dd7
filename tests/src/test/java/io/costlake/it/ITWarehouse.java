package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.model.FocusColumn;
import io.costlake.model.Table;
import io.costlake.spark.Warehouse;
import io.costlake.testing.TestSpark;
import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables follow their declared schema, also when an older costlake created them, and a table is
 * there only once it has a commit.
 */
class ITWarehouse {
  @TempDir Path dir;

  @Test
  void aTableFromAnOlderVersionGainsTheNewColumns() {
    SparkSession spark = TestSpark.session();
    Warehouse warehouse = new Warehouse(spark, Fixtures.uri(dir));
    DeltaTableBuilder old =
        DeltaTable.create(spark).location(warehouse.path(Table.COST_LINE_ITEMS));
    for (StructField field : Table.COST_LINE_ITEMS.schema().fields()) {
      if (!field.name().equals(FocusColumn.x_Extensions.name())) {
        old = old.addColumn(field);
      }
    }
    old.partitionedBy("x_BillingPeriod", "BillingAccountId").execute();

    warehouse.tables().ensure(Table.COST_LINE_ITEMS);
    StructField[] fields = warehouse.read(Table.COST_LINE_ITEMS).schema().fields();
    assertEquals(Table.COST_LINE_ITEMS.schema().fields().length, fields.length);
    assertTrue(
        Arrays.stream(fields)
            .anyMatch(f -> f.name().equals("x_Extensions") && f.getComment().isDefined()));
    warehouse.tables().ensure(Table.COST_LINE_ITEMS);
    assertEquals(
        fields.length,
        warehouse.read(Table.COST_LINE_ITEMS).schema().fields().length,
        "idempotent");
  }

  @Test
  void aLogDirectoryWithoutItsFirstCommitIsNotATableYetAndEnsureCreatesIt() throws Exception {
    // What is left where another job is creating the table, or was killed doing so: _delta_log
    // and no commit. CREATE TABLE IF NOT EXISTS takes it for a table and does nothing.
    SparkSession spark = TestSpark.session();
    Warehouse warehouse = new Warehouse(spark, Fixtures.uri(dir));
    Path log = dir.resolve(Table.COST_LINE_ITEMS.tableName()).resolve("_delta_log");
    Files.createDirectories(log);
    Files.writeString(log.resolve(".00000000000000000000.json.tmp"), "");

    assertFalse(warehouse.exists(Table.COST_LINE_ITEMS));
    assertEquals(0L, warehouse.read(Table.COST_LINE_ITEMS).count());

    warehouse.tables().ensure(Table.COST_LINE_ITEMS);
    assertTrue(warehouse.exists(Table.COST_LINE_ITEMS));
    Row detail =
        spark.sql("DESCRIBE DETAIL delta.`" + warehouse.path(Table.COST_LINE_ITEMS) + "`").head();
    assertEquals(
        Table.COST_LINE_ITEMS.partitionColumns(),
        detail.getList(detail.fieldIndex("partitionColumns")));
    assertEquals(
        "x_Provider,SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,x_SourceFile",
        detail.getJavaMap(detail.fieldIndex("properties")).get("delta.dataSkippingStatsColumns"));
    assertEquals(
        Table.COST_LINE_ITEMS.schema().fields().length,
        warehouse.read(Table.COST_LINE_ITEMS).schema().fields().length);
  }
}
