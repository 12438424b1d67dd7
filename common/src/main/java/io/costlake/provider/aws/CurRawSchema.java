package io.costlake.provider.aws;

import io.costlake.ingest.RawFrame;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The raw frame of AWS CUR files: every {@link CurField} as a string, tags and cost categories as
 * maps.
 */
public final class CurRawSchema {
  public static final String RESOURCE_TAGS = "resource_tags";
  public static final String COST_CATEGORY = "cost_category";
  public static final String NET_COLUMNS = "net_columns";

  /** Position of each provider column after the leading meta columns. */
  static final int FIELD_COUNT = CurField.values().length;

  public static final StructType SCHEMA = RawFrame.schema(providerFields());

  private CurRawSchema() {}

  static List<StructField> providerFields() {
    List<StructField> fields = new ArrayList<>();
    for (CurField field : CurField.values()) {
      fields.add(RawFrame.field(field.rawName(), DataTypes.StringType));
    }
    fields.add(
        RawFrame.field(
            RESOURCE_TAGS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)));
    fields.add(
        RawFrame.field(
            COST_CATEGORY, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)));
    fields.add(RawFrame.field(NET_COLUMNS, DataTypes.BooleanType));
    return fields;
  }

  /** Width of a raw row. */
  static int width() {
    return SCHEMA.fields().length;
  }
}
