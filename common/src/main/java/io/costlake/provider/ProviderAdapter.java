package io.costlake.provider;

import io.costlake.ingest.Discovery;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the ingest job needs from each provider: find the export files under the sources, read them
 * into a raw frame, map raw rows to FOCUS, and derive rows the provider leaves implicit. Each step
 * lives in small provider-specific classes; the ingest core is the same for every provider.
 */
public interface ProviderAdapter {
  Provider provider();

  /**
   * Files to read under the sources; only the current assembly of each period where manifests
   * exist.
   */
  Discovery discover(Configuration conf, List<String> sources, Optional<String> period);

  /**
   * The raw frame ({@code io.costlake.ingest.RawFrame}): ROW records and one FILE record per file.
   */
  Dataset<Row> read(SparkSession spark, List<io.costlake.ingest.ExportFile> files);

  /**
   * Maps the raw frame's ROW records to the mapped frame ({@code io.costlake.ingest.MappedFrame}).
   */
  Dataset<Row> map(Dataset<Row> rawRows);

  /**
   * Rows costlake adds to what the provider wrote (e.g. unused commitment), from the same raw ROW
   * records; same columns as {@link #map}. Adapters map only the few raw rows that can give one.
   */
  Dataset<Row> derive(Dataset<Row> rawRows);

  /**
   * What the last {@link #map} learnt comparing two exports of one bill (Azure's actual and
   * amortized cost); none for providers with one view.
   */
  default io.costlake.ingest.ExportPairs pairs() {
    return io.costlake.ingest.ExportPairs.none();
  }

  /** The file name of the cost column {@code cost_in} sums, for messages and docs. */
  String costColumn();
}
