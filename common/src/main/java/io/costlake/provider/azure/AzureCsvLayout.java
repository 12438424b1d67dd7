package io.costlake.provider.azure;

import io.costlake.ingest.read.CsvLayout;
import org.apache.spark.sql.types.StructType;

/** Azure cost details as CSV (plain or gzip) into {@link AzureRawSchema}. */
final class AzureCsvLayout implements CsvLayout {
  private static final long serialVersionUID = 1L;

  @Override
  public StructType schema() {
    return AzureRawSchema.SCHEMA;
  }

  @Override
  public String defaultContract() {
    return AzureDialect.EA.contract();
  }

  @Override
  public Binding bind(String[] header) {
    return new AzureHeader(header);
  }
}
