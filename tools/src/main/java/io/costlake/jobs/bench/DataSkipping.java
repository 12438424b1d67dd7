package io.costlake.jobs.bench;

import io.costlake.model.BillingPeriod;
import io.costlake.model.FocusColumn;
import io.costlake.model.Table;
import io.costlake.spark.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Data skipping inside one (period, account) slice: after {@code catalog --optimize} (compaction
 * and Z-order by {@code Table.zorderColumns()}), the share of the slice's files a query narrowed to
 * one service opens. Partition pruning alone gets a query to its slice; only the files' min/max
 * statistics over clustered data get it below that.
 *
 * <p>A bench month is megabytes, which OPTIMIZE's default 1 GiB files would leave in one file, and
 * no query can skip part of one file. So OPTIMIZE runs with a target file size of 1/{@code
 * filesPerSlice} of the slice: the layout a month large enough to fill that many 1 GiB files gets.
 */
public final class DataSkipping {
  /** Delta's target file size for OPTIMIZE (bytes). */
  static final String MAX_FILE_SIZE = "spark.databricks.delta.optimize.maxFileSize";

  private static final long MIN_FILE_BYTES = 256L << 10;

  private final long sliceFiles;
  private final List<String> services;
  private final List<Long> filesRead;

  DataSkipping(long sliceFiles, List<String> services, List<Long> filesRead) {
    this.sliceFiles = sliceFiles;
    this.services = List.copyOf(services);
    this.filesRead = List.copyOf(filesRead);
  }

  public static DataSkipping measure(
      SparkSession spark,
      Warehouse warehouse,
      BillingPeriod period,
      String account,
      int filesPerSlice) {
    String path = warehouse.path(Table.COST_LINE_ITEMS);
    long sliceBytes = sliceScan(spark, path, period, account, Optional.empty())[1];
    optimize(spark, warehouse, period, Math.max(MIN_FILE_BYTES, sliceBytes / filesPerSlice));
    long sliceFiles = sliceScan(spark, path, period, account, Optional.empty())[0];

    List<String> services = new ArrayList<>();
    for (Row row :
        warehouse
            .read(Table.COST_LINE_ITEMS)
            .where(SliceQueryCost.slice(period.toString(), account).column())
            .where(FocusColumn.ServiceName.name() + " IS NOT NULL")
            .select(FocusColumn.ServiceName.name())
            .distinct()
            .orderBy(FocusColumn.ServiceName.name())
            .collectAsList()) { // one row per service
      services.add(row.getString(0));
    }
    List<Long> filesRead = new ArrayList<>();
    for (String service : services) {
      filesRead.add(sliceScan(spark, path, period, account, Optional.of(service))[0]);
    }
    return new DataSkipping(sliceFiles, services, filesRead);
  }

  private static long[] sliceScan(
      SparkSession spark,
      String path,
      BillingPeriod period,
      String account,
      Optional<String> service) {
    return SliceQueryCost.scanned(
        spark, SliceQueryCost.query(path, period.toString(), account, service));
  }

  /** What {@code catalog --optimize --period} does, with the given target file size. */
  private static void optimize(
      SparkSession spark, Warehouse warehouse, BillingPeriod period, long fileBytes) {
    Optional<String> previous = Optional.ofNullable(spark.conf().get(MAX_FILE_SIZE, null));
    spark.conf().set(MAX_FILE_SIZE, Long.toString(fileBytes));
    try {
      warehouse.maintenance().optimize(Table.COST_LINE_ITEMS, Optional.of(period));
    } finally {
      if (previous.isPresent()) {
        spark.conf().set(MAX_FILE_SIZE, previous.get());
      } else {
        spark.conf().unset(MAX_FILE_SIZE);
      }
    }
  }

  public long sliceFiles() {
    return sliceFiles;
  }

  public List<String> services() {
    return services;
  }

  public List<Long> filesRead() {
    return filesRead;
  }

  /** The share of the slice's files a one-service query opens, averaged over its services. */
  public double meanFraction() {
    return fraction(files -> files.average());
  }

  /** The share the service whose query opens the most files reads. */
  public double maxFraction() {
    return fraction(files -> files.asDoubleStream().max());
  }

  private double fraction(Function<LongStream, OptionalDouble> statistic) {
    OptionalDouble files = statistic.apply(filesRead.stream().mapToLong(Long::longValue));
    return sliceFiles == 0 || files.isEmpty() ? Double.NaN : files.getAsDouble() / sliceFiles;
  }
}
