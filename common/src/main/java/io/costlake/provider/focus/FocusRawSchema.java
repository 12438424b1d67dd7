package io.costlake.provider.focus;

import io.costlake.ingest.RawFrame;
import io.costlake.model.FocusColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The raw frame of FOCUS files: every FOCUS column (1.2 and the 1.3 additions) and the few {@code
 * x_} columns providers share with costlake, as strings; the pre-1.0 {@code ChargeSubcategory};
 * unknown columns in a map; and which columns the file did not have at all.
 */
public final class FocusRawSchema {
  /** Pre-1.0 column whose values 1.0 moved into ChargeCategory and ChargeClass. */
  public static final String CHARGE_SUBCATEGORY = "ChargeSubcategory";

  public static final String EXTENSIONS = "_extensions";

  /** {@code ,Name,Name,}: the FOCUS columns the file lacks, so mapping can derive them. */
  public static final String ABSENT = "_absent";

  /** FOCUS columns and provider {@code x_} columns read from the file, in raw-frame order. */
  public static final List<FocusColumn> FIELDS =
      Arrays.stream(FocusColumn.values())
          .filter(
              c ->
                  c.origin() != FocusColumn.Origin.COSTLAKE
                      || List.of(
                              FocusColumn.x_ChargeType,
                              FocusColumn.x_ServiceCode,
                              FocusColumn.x_UsageType,
                              FocusColumn.x_Operation)
                          .contains(c))
          .collect(Collectors.toList());

  public static final StructType SCHEMA = RawFrame.schema(providerFields());

  private FocusRawSchema() {}

  static List<StructField> providerFields() {
    List<StructField> fields = new ArrayList<>();
    for (FocusColumn column : FIELDS) {
      fields.add(RawFrame.field(column.name(), DataTypes.StringType));
    }
    fields.add(RawFrame.field(CHARGE_SUBCATEGORY, DataTypes.StringType));
    fields.add(
        RawFrame.field(
            EXTENSIONS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)));
    fields.add(RawFrame.field(ABSENT, DataTypes.StringType));
    return fields;
  }

  /** Position of a FOCUS field among the provider fields. */
  static int indexOf(FocusColumn column) {
    return RawFrame.FIRST_PROVIDER_FIELD + FIELDS.indexOf(column);
  }

  static int subcategoryIndex() {
    return RawFrame.FIRST_PROVIDER_FIELD + FIELDS.size();
  }
}
