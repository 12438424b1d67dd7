package io.costlake.testing;

import io.costlake.model.Table;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Small in-memory cost_line_items frames: a plain usage row, changed by what a test names. */
public final class FocusRows {
  private final List<Row> rows = new ArrayList<>();
  private long sourceRow;

  /** Adds a row: a 10.00 on-demand usage row of account A in March 2024, with overrides. */
  public FocusRows add(Object... keyValues) {
    Map<String, Object> values = defaults();
    for (int i = 0; i < keyValues.length; i += 2) {
      Object value = keyValues[i + 1];
      values.put((String) keyValues[i], convert(value));
    }
    values.putIfAbsent("x_SourceRow", ++sourceRow);
    StructType schema = Table.COST_LINE_ITEMS.schema();
    Object[] cells = new Object[schema.fields().length];
    int i = 0;
    for (StructField field : schema.fields()) {
      Object value = values.get(field.name());
      if (value instanceof String && field.dataType() instanceof DecimalType) {
        value = new BigDecimal((String) value);
      }
      if (value == null && !field.nullable()) {
        value = field.name() + "-" + sourceRow; // bookkeeping strings (hash, run id, ...)
      }
      cells[i++] = value;
    }
    rows.add(RowFactory.create(cells));
    return this;
  }

  public Dataset<Row> frame() {
    return TestSpark.session().createDataFrame(rows, Table.COST_LINE_ITEMS.schema());
  }

  public static Timestamp at(String instant) {
    return Timestamp.valueOf(instant.replace('T', ' ').replace("Z", ""));
  }

  private static Object convert(Object value) {
    if (value instanceof String && ((String) value).matches("\\d{4}-\\d\\d-\\d\\dT.*")) {
      return at((String) value);
    }
    if (value instanceof Double || value instanceof Integer) {
      throw new IllegalArgumentException("give money as a string, not " + value);
    }
    return value;
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> values = new HashMap<>();
    values.put("BilledCost", new BigDecimal("10"));
    values.put("EffectiveCost", new BigDecimal("10"));
    values.put("ListCost", new BigDecimal("12"));
    values.put("ContractedCost", new BigDecimal("10"));
    values.put("BillingAccountId", "A");
    values.put("SubAccountId", "A-1");
    values.put("BillingCurrency", "USD");
    values.put("ChargeCategory", "Usage");
    values.put("ChargeFrequency", "Usage-Based");
    values.put("PricingCategory", "Standard");
    values.put("BillingPeriodStart", at("2024-03-01T00:00:00Z"));
    values.put("BillingPeriodEnd", at("2024-04-01T00:00:00Z"));
    values.put("ChargePeriodStart", at("2024-03-05T00:00:00Z"));
    values.put("ChargePeriodEnd", at("2024-03-05T01:00:00Z"));
    values.put("ServiceName", "VMs");
    values.put("ServiceCategory", "Compute");
    values.put("x_Provider", "test");
    values.put("x_BillingPeriod", "2024-03");
    values.put("x_SourceFile", "file:/t.csv");
    values.put("x_RowOrigin", "Export");
    return values;
  }
}
