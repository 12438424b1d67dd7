package io.costlake.jobs.bench;

import io.costlake.model.FocusColumn;
import io.costlake.spark.RowScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import scala.collection.JavaConverters;

/**
 * What an analyst's query filtered to one (period, account) reads of {@code cost_line_items},
 * against the whole table: partition pruning and data skipping at work. Measured from the executed
 * scan's own metrics, so it counts what Spark really opened.
 */
public final class SliceQueryCost {
  private final long filesRead;
  private final long bytesRead;
  private final long tableFiles;
  private final long tableBytes;

  SliceQueryCost(long filesRead, long bytesRead, long tableFiles, long tableBytes) {
    this.filesRead = filesRead;
    this.bytesRead = bytesRead;
    this.tableFiles = tableFiles;
    this.tableBytes = tableBytes;
  }

  /**
   * The SQL an analyst would write for one slice's cost by service, narrowed to one service when
   * given.
   */
  public static String query(
      String tablePath, String period, String account, Optional<String> service) {
    RowScope slice = slice(period, account);
    if (service.isPresent()) {
      slice = slice.and(RowScope.equalTo(FocusColumn.ServiceName.name(), service.get()));
    }
    return "SELECT ServiceName, SUM(BilledCost) AS billed FROM delta.`"
        + tablePath
        + "` WHERE "
        + slice.sql()
        + " GROUP BY ServiceName";
  }

  /** The rows of one (period, account) of {@code cost_line_items}. */
  static RowScope slice(String period, String account) {
    return RowScope.equalTo(FocusColumn.x_BillingPeriod.name(), period)
        .and(RowScope.equalTo(FocusColumn.BillingAccountId.name(), account));
  }

  public static SliceQueryCost measure(
      SparkSession spark, String tablePath, String period, String account) {
    long[] scanned = scanned(spark, query(tablePath, period, account, Optional.empty()));
    Row detail = spark.sql("DESCRIBE DETAIL delta.`" + tablePath + "`").head();
    return new SliceQueryCost(
        scanned[0],
        scanned[1],
        detail.getLong(detail.fieldIndex("numFiles")),
        detail.getLong(detail.fieldIndex("sizeInBytes")));
  }

  /** Runs {@code sql} and returns the files and bytes its scans opened, from their own metrics. */
  static long[] scanned(SparkSession spark, String sql) {
    Dataset<Row> result = spark.sql(sql);
    result.collectAsList(); // a few rows: one per service
    long files = 0;
    long bytes = 0;
    List<FileSourceScanExec> scans = new ArrayList<>();
    collectScans(result.queryExecution().executedPlan(), scans);
    for (FileSourceScanExec scan : scans) {
      files += metric(scan, "numFiles");
      bytes += metric(scan, "filesSize");
    }
    return new long[] {files, bytes};
  }

  private static void collectScans(SparkPlan plan, List<FileSourceScanExec> scans) {
    if (plan instanceof AdaptiveSparkPlanExec) {
      collectScans(((AdaptiveSparkPlanExec) plan).executedPlan(), scans);
      return;
    }
    if (plan instanceof QueryStageExec) {
      collectScans(((QueryStageExec) plan).plan(), scans);
      return;
    }
    if (plan instanceof FileSourceScanExec) {
      scans.add((FileSourceScanExec) plan);
    }
    for (SparkPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      collectScans(child, scans);
    }
  }

  private static long metric(FileSourceScanExec scan, String name) {
    scala.Option<SQLMetric> metric = scan.metrics().get(name);
    return metric.isDefined() ? metric.get().value() : 0L;
  }

  public long filesRead() {
    return filesRead;
  }

  public long bytesRead() {
    return bytesRead;
  }

  public long tableFiles() {
    return tableFiles;
  }

  public long tableBytes() {
    return tableBytes;
  }

  public double bytesFraction() {
    return tableBytes == 0 ? 0 : (double) bytesRead / tableBytes;
  }
}
