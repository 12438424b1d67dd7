package io.costlake.provider.focus;

import io.costlake.ingest.read.CsvLayout;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/** FOCUS CSV files (any version from 0.5) into {@link FocusRawSchema}. */
final class FocusCsvLayout implements CsvLayout {
  private static final long serialVersionUID = 1L;
  private final Map<String, String> columnDefaults;

  FocusCsvLayout(Map<String, String> columnDefaults) {
    this.columnDefaults = Map.copyOf(columnDefaults);
  }

  @Override
  public StructType schema() {
    return FocusRawSchema.SCHEMA;
  }

  @Override
  public String defaultContract() {
    return FocusVersion.V1_2.contract();
  }

  @Override
  public Binding bind(String[] header) {
    return new FocusHeader(header, columnDefaults);
  }
}
