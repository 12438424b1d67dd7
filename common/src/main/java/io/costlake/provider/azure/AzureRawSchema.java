package io.costlake.provider.azure;

import io.costlake.ingest.RawFrame;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The raw frame of Azure cost details: every {@link AzureField} as a string. */
public final class AzureRawSchema {
  public static final StructType SCHEMA = RawFrame.schema(providerFields());

  private AzureRawSchema() {}

  static List<StructField> providerFields() {
    List<StructField> fields = new ArrayList<>();
    for (AzureField field : AzureField.values()) {
      fields.add(RawFrame.field(field.rawName(), DataTypes.StringType));
    }
    return fields;
  }
}
