package io.costlake.provider.gcp;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.ingest.MappedFrame;
import io.costlake.ingest.RawFrame;
import io.costlake.testing.TestSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/** GCP billing export records through the real mapping, on small in-memory frames. */
class GcpMappingTest {
  private static final GcpMapping MAPPING = new GcpMapping();

  /** A regular usage record of March 2024 with {@code extra} JSON fields appended. */
  static String record(String extra) {
    return "{\"billing_account_id\":\"AAA-111\",\"service\":{\"id\":\"6F81\",\"description\":"
        + "\"Compute Engine\"},\"sku\":{\"id\":\"SKU-1\",\"description\":\"N2 Instance Core\"},"
        + "\"usage_start_time\":\"2024-03-05T10:00:00Z\",\"usage_end_time\":\"2024-03-05T11:00:00Z\","
        + "\"project\":{\"id\":\"shop\",\"name\":\"Shop\"},\"currency\":\"USD\","
        + "\"usage\":{\"amount\":3600,\"unit\":\"seconds\",\"amount_in_pricing_units\":1,"
        + "\"pricing_unit\":\"hour\"},\"invoice\":{\"month\":\"202403\"}"
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  private static Dataset<Row> raw(String... records) {
    List<Row> rows = new ArrayList<>();
    long number = 1;
    for (String record : records) {
      Object[] values = new Object[GcpRawSchema.SCHEMA.fields().length];
      values[0] = RawFrame.KIND_ROW;
      values[1] = "file:/test/export.jsonl";
      values[2] = number++;
      values[3] = GcpExport.NESTED_CONTRACT;
      values[GcpRawSchema.RECORD_INDEX] = record;
      rows.add(RowFactory.create(values));
    }
    return TestSpark.session().createDataFrame(rows, GcpRawSchema.SCHEMA);
  }

  private static List<Row> map(String... records) {
    return MAPPING.mapped(raw(records)).collectAsList();
  }

  private static List<String> errors(Row row) {
    List<Row> errors = row.getList(row.fieldIndex(MappedFrame.ERRORS));
    return errors.stream().map(e -> e.<String>getAs("reason_code")).collect(Collectors.toList());
  }

  private static Object get(Row row, String column) {
    return row.get(row.fieldIndex(column));
  }

  @Test
  void discountCreditsLowerTheRowAndPromotionalCreditsBecomeCreditRows() {
    String record =
        record(
            "\"cost\":5.0,\"cost_at_list\":6,\"credits\":["
                + "{\"name\":\"Free Tier\",\"amount\":-0.5,\"type\":\"FREE_TIER\"},"
                + "{\"name\":\"SUD\",\"amount\":-0.25,\"type\":\"SUSTAINED_USAGE_DISCOUNT\"},"
                + "{\"name\":\"FreeTrial\",\"amount\":-2.0,\"full_name\":\"Free trial\","
                + "\"id\":\"FT-1\",\"type\":\"PROMOTION\"},"
                + "{\"name\":\"Promo\",\"amount\":\"-1e-06\",\"id\":\"P-2\",\"type\":\"PROMOTION\"}]");
    List<Row> mapped = map(record);
    assertEquals(1, mapped.size(), "credits are aggregated, never exploded against the cost");
    Row row = mapped.get(0);
    assertEquals(List.of(), errors(row));
    assertMoney("4.25", get(row, "BilledCost"));
    assertMoney("4.25", get(row, "EffectiveCost"));
    assertMoney("6", get(row, "ListCost"));
    assertMoney("5", get(row, "ContractedCost"));
    assertMoney("5", get(row, "x_GrossCost"));
    assertMoney("2.249999", get(row, MappedFrame.COST_IN), "cost_in is what the row nets to");

    List<Row> credits =
        MAPPING.promotionalCredits(raw(record)).orderBy("BilledCost").collectAsList();
    assertEquals(2, credits.size());
    assertMoney("-2", get(credits.get(0), "BilledCost"));
    assertMoney("-2", get(credits.get(0), "EffectiveCost"));
    assertEquals("Credit", get(credits.get(0), "ChargeCategory"));
    assertEquals("Free trial", get(credits.get(0), "ChargeDescription"));
    assertEquals("PromotionalCredit", get(credits.get(0), "x_RowOrigin"));
    assertEquals("shop", get(credits.get(0), "SubAccountId"));
    assertNull(get(credits.get(0), "PricingQuantity"));
    assertMoney("-0.000001", get(credits.get(1), "BilledCost"));
    assertMoney("0", get(credits.get(1), MappedFrame.COST_IN));
    assertTrue(
        !get(credits.get(0), "x_RecordHash").equals(get(credits.get(1), "x_RecordHash")),
        "each credit row has its own hash");
  }

  @Test
  void creditsLargerThanTheCostAreNotClampedAtZero() {
    Row row =
        map(record("\"cost\":1.0,\"credits\":[{\"amount\":-1.5,\"type\":\"DISCOUNT\"}]")).get(0);
    assertMoney("-0.5", get(row, "BilledCost"));
    assertMoney("-0.5", get(row, "EffectiveCost"));
  }

  @Test
  void theInvoiceMonthIsAPacificMonthAndLateUsageBelongsToIt() {
    Row row = map(record("\"cost\":1")).get(0);
    assertEquals(
        Timestamp.from(Instant.parse("2024-03-01T08:00:00Z")), get(row, "BillingPeriodStart"));
    assertEquals(
        Timestamp.from(Instant.parse("2024-04-01T07:00:00Z")), get(row, "BillingPeriodEnd"));
    assertEquals("2024-03", get(row, "x_BillingPeriod"));

    String late =
        record("\"cost\":1")
            .replace("2024-03-05T10:00:00Z", "2024-02-29T23:00:00Z")
            .replace("2024-03-05T11:00:00Z", "2024-03-01T00:00:00Z");
    Row lateRow = map(late).get(0);
    assertEquals("2024-03", get(lateRow, "x_BillingPeriod"), "partitioned by invoice month");
    assertEquals(
        Timestamp.from(Instant.parse("2024-02-29T23:00:00Z")), get(lateRow, "ChargePeriodStart"));
  }

  @Test
  void withoutAnInvoiceMonthTheUsageStartsPacificMonthIsTheBillingPeriod() {
    String noInvoice =
        record("\"cost\":1")
            .replace(",\"invoice\":{\"month\":\"202403\"}", "")
            .replace("2024-03-05T10:00:00Z", "2024-03-01T05:00:00Z");
    Row row = map(noInvoice).get(0);
    assertEquals("2024-02", get(row, "x_BillingPeriod"), "05:00 UTC on March 1 is February in PST");
  }

  @Test
  void commitmentFeesArePurchasesAndCoveredUsageIsCommitted() {
    String fee =
        record("\"cost\":12")
            .replace("\"SKU-1\"", "\"CUD-SKU\"")
            .replace("N2 Instance Core", "Commitment v1: N2 Cpu in Americas for 1 Year");
    String spendFee =
        record("\"cost\":3")
            .replace("N2 Instance Core", "Commitment - dollar based v1: GCE for 3 years");
    String covered =
        record(
            "\"cost\":20,\"credits\":[{\"name\":\"CUD\",\"amount\":-15,\"id\":\"CUD-1\","
                + "\"type\":\"COMMITTED_USAGE_DISCOUNT\"}]");
    List<Row> rows = map(fee, spendFee, covered);
    Row purchase = rows.get(0);
    assertEquals("Purchase", get(purchase, "ChargeCategory"));
    assertEquals("Recurring", get(purchase, "ChargeFrequency"));
    assertEquals("Usage", get(purchase, "CommitmentDiscountCategory"));
    assertEquals("Committed Use Discount", get(purchase, "CommitmentDiscountType"));
    assertEquals("gcp-cud:shop:CUD-SKU", get(purchase, "CommitmentDiscountId"));
    assertEquals("Standard", get(purchase, "PricingCategory"));
    assertMoney("12", get(purchase, "BilledCost"));
    assertEquals("Spend", get(rows.get(1), "CommitmentDiscountCategory"));
    Row usage = rows.get(2);
    assertEquals("Usage", get(usage, "ChargeCategory"));
    assertEquals("Committed", get(usage, "PricingCategory"));
    assertEquals("Used", get(usage, "CommitmentDiscountStatus"));
    assertEquals("CUD-1", get(usage, "CommitmentDiscountId"));
    assertMoney("5", get(usage, "BilledCost"));
  }

  @Test
  void costTypesMapToTheirChargeCategories() {
    List<Row> rows =
        map(
            record("\"cost\":3.21,\"cost_type\":\"tax\""),
            record("\"cost\":-0.75,\"cost_type\":\"adjustment\""),
            record("\"cost\":0.000001,\"cost_type\":\"rounding_error\""),
            record("\"cost\":1,\"cost_type\":\"regular\""));
    assertEquals("Tax", get(rows.get(0), "ChargeCategory"));
    assertNull(get(rows.get(0), "PricingQuantity"), "no pricing quantity on tax");
    assertNull(get(rows.get(0), "PricingCategory"));
    assertEquals("Adjustment", get(rows.get(1), "ChargeCategory"));
    assertEquals("Adjustment", get(rows.get(2), "ChargeCategory"));
    assertMoney("0.000001", get(rows.get(2), "BilledCost"));
    assertEquals("Usage", get(rows.get(3), "ChargeCategory"));
    assertEquals("Usage-Based", get(rows.get(3), "ChargeFrequency"));
  }

  @Test
  void tagsMergeProjectLabelsTagsLabelsAndSystemLabelsResourceLabelsWinning() {
    String record =
        record(
                "\"cost\":1,\"labels\":[{\"key\":\"team\",\"value\":\"web\"},"
                    + "{\"key\":\"cost-center\",\"value\":\"cc-web\"}],"
                    + "\"system_labels\":[{\"key\":\"goog-gke-node\",\"value\":\"n1\"}],"
                    + "\"tags\":[{\"key\":\"environment\",\"value\":\"prod\",\"namespace\":\"1\"}]")
            .replace(
                "\"project\":{\"id\":\"shop\",\"name\":\"Shop\"}",
                "\"project\":{\"id\":\"shop\",\"name\":\"Shop\",\"labels\":["
                    + "{\"key\":\"cost-center\",\"value\":\"cc-1\"},{\"key\":\"owner\",\"value\":\"ann\"}]}");
    Row row = map(record).get(0);
    Map<String, String> tags = JavaConverters.mapAsJavaMap(row.getMap(row.fieldIndex("Tags")));
    assertEquals(
        Map.of(
            "team", "web",
            "cost-center", "cc-web",
            "owner", "ann",
            "goog-gke-node", "n1",
            "environment", "prod"),
        tags);
  }

  @Test
  void bigQueryAndPythonTimestampFormatsParse() {
    List<Row> rows =
        map(
            record("\"cost\":1")
                .replace("2024-03-05T10:00:00Z", "2024-03-05 10:00:00 UTC")
                .replace("2024-03-05T11:00:00Z", "2024-03-05 11:00:00.000000 UTC"),
            record("\"cost\":1")
                .replace("2024-03-05T10:00:00Z", "2024-03-05 10:00:00+00:00")
                .replace("2024-03-05T11:00:00Z", "2024-03-05T11:00:00.000000Z"));
    for (Row row : rows) {
      assertEquals(List.of(), errors(row));
      assertEquals(
          Timestamp.from(Instant.parse("2024-03-05T10:00:00Z")), get(row, "ChargePeriodStart"));
      assertEquals(
          Timestamp.from(Instant.parse("2024-03-05T11:00:00Z")), get(row, "ChargePeriodEnd"));
    }
  }

  @Test
  void anUnreadableListCostLandsWithTheRowNamedInDataQuality() {
    Row row = map(record("\"cost\":2.5,\"cost_at_list\":\"n/a\"")).get(0);
    assertEquals(List.of(), errors(row));
    assertEquals("cost_at_list: INVALID_NUMBER", get(row, "x_DataQuality"));
    assertMoney("2.5", get(row, "BilledCost"));
    assertMoney("2.5", get(row, "ListCost"));
    assertNull(get(map(record("\"cost\":2.5")).get(0), "x_DataQuality"));
  }

  @Test
  void badValuesAreQuarantinedWithTheirFieldAndValue() {
    List<Row> rows =
        map(
            record("\"cost\":\"abc\""),
            record("\"cost\":1,\"credits\":[{\"amount\":\"x1\",\"type\":\"DISCOUNT\"}]"),
            record("\"cost\":1,\"currency\":\"XXY\"").replace("\"currency\":\"USD\",", ""),
            record("\"cost\":1").replace("\"billing_account_id\":\"AAA-111\",", ""));
    assertEquals(List.of("INVALID_NUMBER"), errors(rows.get(0)));
    assertEquals(List.of("INVALID_NUMBER"), errors(rows.get(1)));
    Row credit = rows.get(1).<Row>getList(rows.get(1).fieldIndex(MappedFrame.ERRORS)).get(0);
    assertEquals("credits.amount", credit.getAs("column_name"));
    assertEquals("x1", credit.getAs("raw_value"));
    assertEquals(List.of("UNKNOWN_CURRENCY"), errors(rows.get(2)));
    assertEquals(List.of("MISSING_VALUE"), errors(rows.get(3)));
    Map<String, String> raw =
        JavaConverters.mapAsJavaMap(
            rows.get(0).getMap(rows.get(0).fieldIndex(MappedFrame.RAW_RECORD)));
    assertTrue(raw.get("record").contains("\"abc\""), "the quarantine keeps the record");
  }

  @Test
  void theFlatCsvShapeBuildsTheSameRecordWithPythonLiterals() {
    GcpFlatCsvLayout.Header header =
        new GcpFlatCsvLayout.Header(
            new String[] {
              "billing_account_id",
              "service.id",
              "cost",
              "currency",
              "usage_start_time",
              "usage_end_time",
              "labels",
              "credits",
              "invoice.month",
              "partition_date",
              "new_col"
            });
    assertTrue(header.contractViolation().isEmpty());
    assertEquals(List.of("new_col"), header.unknownColumns());
    Object[] values = new Object[GcpRawSchema.SCHEMA.fields().length];
    header.fill(
        new String[] {
          "AAA-111",
          "6F81",
          "5e-06",
          "USD",
          "2020-11-09 23:00:00+00:00",
          "2020-11-10 00:00:00+00:00",
          "[{'key': 'goog-resource-type', 'value': 'bigquery_dataset'}]",
          "[{'name': 'FreeTrial', 'amount': -5e-06, 'full_name': None, 'id': 'FT', "
              + "'type': 'PROMOTION'}]",
          "202011",
          "2020-11-09 00:00:00+00:00",
          "drift"
        },
        values);
    String json = (String) values[GcpRawSchema.RECORD_INDEX];
    assertTrue(json.contains("\"service\":{\"id\":\"6F81\"}"), json);
    assertTrue(json.contains("\"full_name\":null"), json);
    assertEquals(
        Map.of("new_col", "drift"),
        JavaConverters.mapAsJavaMap(
            (scala.collection.Map<String, String>) values[GcpRawSchema.EXTENSIONS_INDEX]));

    Object[] bad = new Object[values.length];
    header.fill(
        new String[] {"AAA-111", "6F81", "1", "USD", "", "", "[{'key': ", "[]", "", "", ""}, bad);
    assertEquals("MALFORMED_VALUE", bad[4]);
    assertEquals("labels", bad[5]);
  }

  @Test
  void aFlatCsvWithoutRequiredColumnsBreaksItsContract() {
    GcpFlatCsvLayout.Header header =
        new GcpFlatCsvLayout.Header(new String[] {"billing_account_id", "service.id", "cost"});
    assertEquals(
        "missing required columns currency, usage_start_time, usage_end_time of contract "
            + "gcp-billing-flat-csv/v1",
        header.contractViolation().orElseThrow());
  }

  @Test
  void pythonLiteralsBecomeJson() {
    assertEquals(
        "[{\"a\":null,\"b\":true,\"c\":[1,-5e-06],\"d\":\"it's\"}]",
        PythonLiterals.toJson("[{'a': None, 'b': True, 'c': (1, -5e-06), 'd': \"it's\"}]"));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> PythonLiterals.toJson("[{'a': nope}]"));
  }
}
