package io.costlake.provider.aws;

import io.costlake.ingest.RawFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/** Builds raw CUR rows for mapping tests: a valid on-demand usage row unless told otherwise. */
final class CurRows {
  static final String PAYER = "111111111111";
  static final String ACCOUNT = "222222222222";
  static final String RI_ARN = "arn:aws:ec2:us-east-1:111111111111:reserved-instances/ri-1";
  static final String SP_ARN = "arn:aws:savingsplans::111111111111:savingsplan/sp-1";

  private final EnumMap<CurField, String> values = new EnumMap<>(CurField.class);
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final Map<String, String> costCategories = new LinkedHashMap<>();
  private boolean netColumns;
  private long row = 1;
  private String rowError;

  static CurRows usage() {
    CurRows rows = new CurRows();
    rows.values.put(CurField.BILL_PAYER_ACCOUNT_ID, PAYER);
    rows.values.put(CurField.BILL_BILLING_PERIOD_START_DATE, "2024-01-01T00:00:00Z");
    rows.values.put(CurField.BILL_BILLING_PERIOD_END_DATE, "2024-02-01T00:00:00Z");
    rows.values.put(CurField.BILL_BILLING_ENTITY, "AWS");
    rows.values.put(CurField.BILL_INVOICING_ENTITY, "Amazon Web Services, Inc.");
    rows.values.put(CurField.BILL_INVOICE_ID, "INV-1");
    rows.values.put(CurField.LINE_ITEM_USAGE_ACCOUNT_ID, ACCOUNT);
    rows.values.put(CurField.LINE_ITEM_LINE_ITEM_TYPE, "Usage");
    rows.values.put(CurField.LINE_ITEM_USAGE_START_DATE, "2024-01-15T00:00:00Z");
    rows.values.put(CurField.LINE_ITEM_USAGE_END_DATE, "2024-01-16T00:00:00Z");
    rows.values.put(CurField.LINE_ITEM_PRODUCT_CODE, "AmazonEC2");
    rows.values.put(CurField.PRODUCT_PRODUCT_NAME, "Amazon Elastic Compute Cloud");
    rows.values.put(CurField.LINE_ITEM_USAGE_TYPE, "BoxUsage:m5.large");
    rows.values.put(CurField.LINE_ITEM_RESOURCE_ID, "i-0abc");
    rows.values.put(CurField.LINE_ITEM_USAGE_AMOUNT, "24");
    rows.values.put(CurField.LINE_ITEM_CURRENCY_CODE, "USD");
    rows.values.put(CurField.LINE_ITEM_UNBLENDED_RATE, "0.096");
    rows.values.put(CurField.LINE_ITEM_UNBLENDED_COST, "2.304");
    rows.values.put(CurField.PRICING_PUBLIC_ON_DEMAND_RATE, "0.096");
    rows.values.put(CurField.PRICING_PUBLIC_ON_DEMAND_COST, "2.304");
    rows.values.put(CurField.PRICING_UNIT, "Hrs");
    rows.values.put(CurField.PRICING_TERM, "OnDemand");
    rows.values.put(CurField.PRODUCT_REGION, "us-east-1");
    rows.values.put(CurField.PRODUCT_LOCATION, "US East (N. Virginia)");
    rows.values.put(CurField.PRODUCT_SKU, "SKU1");
    return rows;
  }

  CurRows with(CurField field, String value) {
    values.put(field, value);
    return this;
  }

  CurRows without(CurField field) {
    values.remove(field);
    return this;
  }

  CurRows type(String lineItemType) {
    return with(CurField.LINE_ITEM_LINE_ITEM_TYPE, lineItemType);
  }

  CurRows cost(String unblended) {
    return with(CurField.LINE_ITEM_UNBLENDED_COST, unblended);
  }

  CurRows net(String netUnblended) {
    netColumns = true;
    return with(CurField.LINE_ITEM_NET_UNBLENDED_COST, netUnblended);
  }

  CurRows netColumns() {
    netColumns = true;
    return this;
  }

  CurRows tag(String key, String value) {
    tags.put(key, value);
    return this;
  }

  CurRows costCategory(String key, String value) {
    costCategories.put(key, value);
    return this;
  }

  CurRows row(long number) {
    this.row = number;
    return this;
  }

  CurRows tooWide() {
    this.rowError = "ROW_TOO_WIDE";
    return this;
  }

  Row toRow() {
    Object[] v = new Object[CurRawSchema.width()];
    v[0] = RawFrame.KIND_ROW;
    v[1] = "file:/test/cur.csv";
    v[2] = row;
    v[3] = CurFormat.CUR_1_0.contractVersion();
    if (rowError != null) {
      v[4] = rowError;
      v[6] = "12 cells under a header of 11";
    }
    for (Map.Entry<CurField, String> entry : values.entrySet()) {
      v[RawFrame.FIRST_PROVIDER_FIELD + entry.getKey().ordinal()] = entry.getValue();
    }
    int after = RawFrame.FIRST_PROVIDER_FIELD + CurRawSchema.FIELD_COUNT;
    v[after] = JavaConverters.mapAsScalaMap(tags);
    v[after + 1] = JavaConverters.mapAsScalaMap(costCategories);
    v[after + 2] = netColumns;
    return RowFactory.create(v);
  }

  static Dataset<Row> frame(SparkSession spark, CurRows... rows) {
    List<Row> list = new ArrayList<>();
    Arrays.stream(rows).forEach(r -> list.add(r.toRow()));
    return spark.createDataFrame(list, CurRawSchema.SCHEMA);
  }
}
