package io.costlake.provider.aws;

import io.costlake.ingest.read.CsvLayout;
import org.apache.spark.sql.types.StructType;

/**
 * AWS CUR CSV files (1.0, Athena-style names, 2.0 with JSON map cells) into {@link CurRawSchema}.
 */
public final class CurCsvLayout implements CsvLayout {
  private static final long serialVersionUID = 1L;

  @Override
  public StructType schema() {
    return CurRawSchema.SCHEMA;
  }

  @Override
  public String defaultContract() {
    return CurFormat.CUR_1_0.contractVersion();
  }

  @Override
  public Binding bind(String[] header) {
    return CurHeader.of(header);
  }
}
