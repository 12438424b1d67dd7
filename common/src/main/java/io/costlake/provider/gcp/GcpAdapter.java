package io.costlake.provider.gcp;

import io.costlake.ingest.Discovery;
import io.costlake.ingest.ExportFile;
import io.costlake.ingest.FileDiscovery;
import io.costlake.ingest.read.CsvFiles;
import io.costlake.ingest.read.ExportFiles;
import io.costlake.ingest.read.ParquetFiles;
import io.costlake.io.StoredFile;
import io.costlake.provider.Provider;
import io.costlake.provider.ProviderAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * GCP's BigQuery billing export (standard and resource-level) as extracted to object storage: JSON
 * lines (plain or gzip), Avro, Parquet, and the flattened CSV. Every format becomes the same JSON
 * record in the raw frame, so one {@link GcpMapping} serves them all.
 */
public final class GcpAdapter implements ProviderAdapter {
  private final GcpMapping mapping = new GcpMapping();

  @Override
  public Provider provider() {
    return Provider.GCP;
  }

  @Override
  public Discovery discover(Configuration conf, List<String> sources, Optional<String> period) {
    return new FileDiscovery(conf)
        .discover(
            sources,
            Set.of(
                ExportFile.Layout.JSON,
                ExportFile.Layout.AVRO,
                ExportFile.Layout.PARQUET,
                ExportFile.Layout.CSV),
            "GCP billing export");
  }

  @Override
  public Dataset<Row> read(SparkSession spark, List<ExportFile> files) {
    List<Dataset<Row>> parts = new ArrayList<>();
    List<StoredFile> json = ExportFiles.of(files, ExportFile.Layout.JSON);
    List<StoredFile> avro = ExportFiles.of(files, ExportFile.Layout.AVRO);
    List<StoredFile> csv = ExportFiles.of(files, ExportFile.Layout.CSV);
    List<StoredFile> parquet = ExportFiles.of(files, ExportFile.Layout.PARQUET);
    if (!json.isEmpty()) {
      parts.add(GcpFiles.read(spark, json, JsonLinesSource::new));
    }
    if (!avro.isEmpty()) {
      parts.add(GcpFiles.read(spark, avro, AvroSource::new));
    }
    if (!csv.isEmpty() || parts.isEmpty() && parquet.isEmpty()) {
      parts.add(CsvFiles.read(spark, csv, new GcpFlatCsvLayout()));
    }
    if (!parquet.isEmpty()) {
      parts.add(ParquetFiles.read(spark, parquet, new GcpParquetLayout()));
    }
    Dataset<Row> all = parts.get(0);
    for (Dataset<Row> part : parts.subList(1, parts.size())) {
      all = all.unionByName(part);
    }
    return GcpMapping.withParsedRecord(all);
  }

  @Override
  public Dataset<Row> map(Dataset<Row> rawRows) {
    return mapping.mapped(rawRows);
  }

  @Override
  public Dataset<Row> derive(Dataset<Row> rawRows) {
    return mapping.promotionalCredits(rawRows);
  }

  @Override
  public String costColumn() {
    return "cost + SUM(credits.amount)";
  }
}
