package io.costlake.provider.azure;

import io.costlake.ingest.Discovery;
import io.costlake.ingest.ExportFile;
import io.costlake.ingest.ExportPairs;
import io.costlake.ingest.FileDiscovery;
import io.costlake.ingest.read.ExportFiles;
import io.costlake.provider.Provider;
import io.costlake.provider.ProviderAdapter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Azure Cost Management exports: EA, MCA and legacy pay-as-you-go cost details, actual and
 * amortized, CSV (plain or gzip) and Parquet. Actual and amortized files may sit in one source or
 * come as separate sources; {@link AzureDatasets} combines them as FOCUS requires.
 */
public final class AzureAdapter implements ProviderAdapter {
  private final AzureMapping mapping = new AzureMapping(AzureLookups.load());
  // Set by map(): the adapter serves one ingest run.
  private ExportPairs pairs = ExportPairs.none();

  @Override
  public Provider provider() {
    return Provider.AZURE;
  }

  @Override
  public Discovery discover(Configuration conf, List<String> sources, Optional<String> period) {
    return new FileDiscovery(conf)
        .discover(
            sources, Set.of(ExportFile.Layout.CSV, ExportFile.Layout.PARQUET), "Azure cost export");
  }

  @Override
  public Dataset<Row> read(SparkSession spark, List<ExportFile> files) {
    return ExportFiles.read(spark, files, new AzureCsvLayout(), new AzureParquetLayout());
  }

  /** Runs a small aggregate over the (cached) raw rows to tell actual from amortized files. */
  @Override
  public Dataset<Row> map(Dataset<Row> rawRows) {
    Dataset<Row> typed = mapping.typed(rawRows);
    List<AzureDatasets.FileSignal> signals =
        AzureDatasets.fileSignals(AzureDatasets.signals(typed));
    pairs = AzureDatasets.pairs(signals);
    return mapping.focus(typed, AzureDatasets.superseded(signals));
  }

  @Override
  public ExportPairs pairs() {
    return pairs;
  }

  @Override
  public Dataset<Row> derive(Dataset<Row> rawRows) {
    // Azure's amortized data has its own UnusedReservation and UnusedSavingsPlan rows.
    return mapping.focus(mapping.typed(rawRows.limit(0)), Set.of());
  }

  @Override
  public String costColumn() {
    return "CostInBillingCurrency (Cost, PreTaxCost in older exports)";
  }
}
