package io.costlake.provider.gcp;

import io.costlake.ingest.RawFrame;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The raw frame of GCP exports: each record as one JSON object (whatever the file format), and the
 * top-level fields the contract does not know, as text.
 */
final class GcpRawSchema {
  static final String RECORD = "_record";
  static final String EXTENSIONS = "_extensions";

  /**
   * {@link #RECORD} parsed, added by {@link GcpAdapter#read} so that ingest's cache holds it: the
   * statistics, the write and the quarantine each map the rows again, and JSON parsing was most of
   * the time of each pass.
   */
  static final String PARSED = "_parsed";

  static final StructType SCHEMA =
      RawFrame.schema(
          List.of(
              RawFrame.field(RECORD, DataTypes.StringType),
              RawFrame.field(
                  EXTENSIONS,
                  DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))));

  /** Index of {@link #RECORD} in a raw row. */
  static final int RECORD_INDEX = RawFrame.FIRST_PROVIDER_FIELD;

  static final int EXTENSIONS_INDEX = RawFrame.FIRST_PROVIDER_FIELD + 1;

  private GcpRawSchema() {}
}
