package io.costlake.provider.focus;

import io.costlake.ingest.Discovery;
import io.costlake.ingest.ExportFile;
import io.costlake.ingest.FileDiscovery;
import io.costlake.ingest.read.ExportFiles;
import io.costlake.provider.Provider;
import io.costlake.provider.ProviderAdapter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * FOCUS files, from any provider's native FOCUS export or any FOCUS 0.5-1.3 producer, CSV or
 * Parquet. Columns a file omits can be given defaults ({@code ingest.focus.columnDefaults}).
 */
public final class FocusAdapter implements ProviderAdapter {
  private final Map<String, String> columnDefaults;

  public FocusAdapter(Map<String, String> columnDefaults) {
    this.columnDefaults = Map.copyOf(columnDefaults);
  }

  @Override
  public Provider provider() {
    return Provider.FOCUS;
  }

  @Override
  public Discovery discover(Configuration conf, List<String> sources, Optional<String> period) {
    return new FileDiscovery(conf)
        .discover(
            sources, Set.of(ExportFile.Layout.CSV, ExportFile.Layout.PARQUET), "FOCUS export");
  }

  @Override
  public Dataset<Row> read(SparkSession spark, List<ExportFile> files) {
    return ExportFiles.read(
        spark, files, new FocusCsvLayout(columnDefaults), new FocusParquetLayout(columnDefaults));
  }

  @Override
  public Dataset<Row> map(Dataset<Row> rawRows) {
    return FocusMapping.apply(rawRows);
  }

  @Override
  public Dataset<Row> derive(Dataset<Row> rawRows) {
    // FOCUS producers emit unused commitment rows themselves.
    return FocusMapping.apply(rawRows.limit(0));
  }

  @Override
  public String costColumn() {
    return "BilledCost";
  }
}
