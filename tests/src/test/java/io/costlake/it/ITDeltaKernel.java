package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.model.Table;
import io.costlake.testing.TestSpark;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every costlake table read by a Delta reader that is not Spark (Delta Kernel's default engine, as
 * connectors such as Trino's and Flink's use it): the same rows and, per money column, the same
 * total as costlake's own Spark; and every table at reader version 1, writer version 2 with no
 * table features, which Athena, Trino, DuckDB, Databricks and delta-rs all read.
 */
// On the shared demo: its readers run one after another on one thread, beside the other ITs.
@Execution(ExecutionMode.SAME_THREAD)
class ITDeltaKernel {
  @Test
  void everyTableReadsTheSameWithDeltaKernel() throws IOException {
    String warehouse = DemoRun.get().warehouse;
    Engine engine = DefaultEngine.create(new Configuration());
    int tables = 0;
    for (Table table : Table.values()) {
      String path = warehouse + "/" + table.tableName();
      if (!Files.isDirectory(Path.of(java.net.URI.create(path)).resolve("_delta_log"))) {
        continue;
      }
      tables++;
      Totals kernel = kernelTotals(engine, path);
      Totals spark = sparkTotals(path, kernel.sums.keySet());
      assertEquals(spark.rows, kernel.rows, table.tableName() + " rows");
      for (Map.Entry<String, BigDecimal> sum : spark.sums.entrySet()) {
        BigDecimal read = kernel.sums.get(sum.getKey());
        assertEquals(
            0,
            sum.getValue().compareTo(read),
            table.tableName()
                + "."
                + sum.getKey()
                + ": Spark "
                + sum.getValue()
                + ", Kernel "
                + read);
      }
      Row detail = TestSpark.session().sql("DESCRIBE DETAIL delta.`" + path + "`").first();
      assertEquals(1, (int) detail.getAs("minReaderVersion"), table.tableName());
      // Writer 2 at most: a legacy protocol, so no table feature (those need reader 3, writer 7).
      assertTrue((int) detail.getAs("minWriterVersion") <= 2, table.tableName());
    }
    // Every table the demo writes: all but focus_conformance, which validate writes (ITConformance
    // runs it on this warehouse, maybe before this test, maybe after), and notify_deliveries,
    // which notify writes (ITNotify, on a copy).
    assertTrue(tables >= Table.values().length - 2, tables + " tables");
  }

  private static final class Totals {
    long rows;
    final Map<String, BigDecimal> sums = new LinkedHashMap<>();
  }

  /** Rows and the total of each decimal column, as Kernel reads the latest snapshot. */
  private static Totals kernelTotals(Engine engine, String path) throws IOException {
    Snapshot snapshot = io.delta.kernel.Table.forPath(engine, path).getLatestSnapshot(engine);
    StructType schema = snapshot.getSchema(engine);
    Totals totals = new Totals();
    List<String> decimals = new ArrayList<>();
    for (StructField field : schema.fields()) {
      if (field.getDataType() instanceof DecimalType) {
        decimals.add(field.getName());
        totals.sums.put(field.getName(), BigDecimal.ZERO);
      }
    }
    Scan scan = snapshot.getScanBuilder(engine).build();
    io.delta.kernel.data.Row state = scan.getScanState(engine);
    StructType physical = ScanStateRow.getPhysicalDataReadSchema(engine, state);
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<io.delta.kernel.data.Row> addFiles = files.next().getRows()) {
          while (addFiles.hasNext()) {
            io.delta.kernel.data.Row addFile = addFiles.next();
            FileStatus status = InternalScanFileUtils.getAddFileStatus(addFile);
            CloseableIterator<ColumnarBatch> data =
                engine
                    .getParquetHandler()
                    .readParquetFiles(
                        Utils.singletonCloseableIterator(status), physical, Optional.empty());
            try (CloseableIterator<FilteredColumnarBatch> batches =
                Scan.transformPhysicalData(engine, state, addFile, data)) {
              while (batches.hasNext()) {
                add(totals, batches.next(), decimals);
              }
            }
          }
        }
      }
    }
    return totals;
  }

  private static void add(Totals totals, FilteredColumnarBatch filtered, List<String> decimals) {
    ColumnarBatch batch = filtered.getData();
    Optional<ColumnVector> selection = filtered.getSelectionVector();
    StructType schema = batch.getSchema();
    for (int row = 0; row < batch.getSize(); row++) {
      final int at = row;
      boolean selected = selection.map(s -> !s.isNullAt(at) && s.getBoolean(at)).orElse(true);
      if (!selected) {
        continue;
      }
      totals.rows++;
      for (String name : decimals) {
        ColumnVector column = batch.getColumnVector(schema.indexOf(name));
        if (!column.isNullAt(row)) {
          totals.sums.merge(name, column.getDecimal(row), BigDecimal::add);
        }
      }
    }
  }

  private static Totals sparkTotals(String path, java.util.Set<String> decimals) {
    org.apache.spark.sql.Dataset<Row> frame = TestSpark.session().read().format("delta").load(path);
    Totals totals = new Totals();
    totals.rows = frame.count();
    for (String name : decimals) {
      Object sum = frame.selectExpr("SUM(`" + name + "`)").first().get(0);
      totals.sums.put(name, sum == null ? BigDecimal.ZERO : (BigDecimal) sum);
    }
    return totals;
  }
}
