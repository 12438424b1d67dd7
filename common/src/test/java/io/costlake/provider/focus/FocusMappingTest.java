package io.costlake.provider.focus;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.costlake.ingest.MappedFrame;
import io.costlake.ingest.RawFrame;
import io.costlake.testing.TestSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/** FOCUS files of every version, through the real header binding and mapping. */
class FocusMappingTest {
  private static final String V12_HEADER =
      "BillingAccountId,BillingAccountName,BillingAccountType,BillingCurrency,BillingPeriodStart,"
          + "BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ChargeFrequency,"
          + "PricingCategory,BilledCost,EffectiveCost,ListCost,ContractedCost,InvoiceIssuerName,ProviderName,"
          + "PublisherName,ServiceName,ServiceCategory,ServiceSubcategory,Tags,x_Discounts,Id";
  private static final String V12_ROW =
      "123,Acme,Billing Account,USD,2024-01-01T00:00:00Z,2024-02-01T00:00:00Z,2024-01-05T00:00:00Z,"
          + "2024-01-06T00:00:00Z,Usage,,Usage-Based,Standard,10.5,9.5,12,10.5,AWS,AWS,AWS,Amazon EC2,Compute,"
          + "Virtual Machines,\"{\"\"team\"\":\"\"search\"\",\"\"n\"\":5}\",\"{\"\"edp\"\":-1}\",row-1";

  private static List<Row> map(String header, Map<String, String> defaults, String... rows) {
    FocusHeader binding = new FocusHeader(split(header), defaults);
    List<Row> raw = new ArrayList<>();
    long number = 1;
    for (String row : rows) {
      Object[] values = new Object[FocusRawSchema.SCHEMA.fields().length];
      values[0] = RawFrame.KIND_ROW;
      values[1] = "file:/test/focus.csv";
      values[2] = number++;
      values[3] = binding.contract();
      binding.fill(split(row), values);
      raw.add(RowFactory.create(values));
    }
    return FocusMapping.apply(TestSpark.session().createDataFrame(raw, FocusRawSchema.SCHEMA))
        .collectAsList();
  }

  /** A CSV line split the way univocity would (quotes, doubled quotes). */
  private static String[] split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells.toArray(new String[0]);
  }

  private static List<String> errors(Row row) {
    List<Row> errors = row.getList(row.fieldIndex(MappedFrame.ERRORS));
    return errors.stream().map(e -> e.<String>getAs("reason_code")).collect(Collectors.toList());
  }

  @Test
  void aFocus12RowPassesThroughWithUnknownColumnsKept() {
    Row row = map(V12_HEADER, Map.of(), V12_ROW).get(0);
    assertEquals(List.of(), errors(row));
    assertEquals("focus-1.2/v1", row.getAs("x_ContractVersion"));
    assertMoney("10.5", row.getAs("BilledCost"));
    assertMoney("9.5", row.getAs("EffectiveCost"));
    assertMoney("12", row.getAs("ListCost"));
    assertEquals("Usage-Based", row.getAs("ChargeFrequency"));
    assertEquals("2024-01", row.getAs("x_BillingPeriod"));
    assertEquals(
        Timestamp.from(Instant.parse("2024-01-05T00:00:00Z")), row.getAs("ChargePeriodStart"));
    assertEquals(
        Map.of("team", "search", "n", "5"),
        JavaConverters.mapAsJavaMap(row.getMap(row.fieldIndex("Tags"))));
    assertEquals(
        Map.of("x_Discounts", "{\"edp\":-1}", "Id", "row-1"),
        JavaConverters.mapAsJavaMap(row.getMap(row.fieldIndex("x_Extensions"))));
    assertEquals("focus", row.getAs("x_Provider"));
    assertEquals("AWS", row.getAs("ServiceProviderName"));
  }

  @Test
  void placeholdersAndSpellingsAreNormalized() {
    String header =
        "BillingAccountId,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeFrequency,PricingCategory,BilledCost,EffectiveCost,ProviderName,ServiceName,ServiceCategory,ResourceId,CommitmentDiscountStatus";
    Row row =
        map(
                header,
                Map.of(),
                "1,USD,2024-01-01 00:00:00,2024-02-01 00:00:00,2024-01-01,2024-01-02,usage,Usage-based,On-Demand,1e-2,0.01,P,S,compute,NULL,used")
            .get(0);
    assertEquals(List.of(), errors(row));
    assertEquals("Usage", row.getAs("ChargeCategory"));
    assertEquals("Usage-Based", row.getAs("ChargeFrequency"));
    assertEquals("Standard", row.getAs("PricingCategory"), "the pre-1.0 value");
    assertEquals("Compute", row.getAs("ServiceCategory"));
    assertEquals("Used", row.getAs("CommitmentDiscountStatus"));
    assertNull(row.getAs("ResourceId"));
    assertMoney("0.01", row.getAs("BilledCost"));
    assertEquals("Other (Compute)", row.getAs("ServiceSubcategory"), "derived: absent column");
    assertEquals("Billing Account", row.getAs("BillingAccountType"));
    assertMoney(
        "0.01",
        row.getAs("ContractedCost"),
        "absent: FOCUS defaults it to ListCost, else BilledCost");
    assertEquals("P", row.getAs("PublisherName"));
    assertEquals("focus-1.2/v1", row.getAs("x_ContractVersion"));
  }

  @Test
  void olderVersionsAreConverted() {
    String v05 =
        "BillingAccountId,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeType,AmortizedCost,BilledCost,Provider,Publisher,InvoiceIssuer,ServiceName,ServiceCategory,Region";
    Row old =
        map(
                v05,
                Map.of(),
                "1,EUR,2023-05-01,2023-06-01,2023-05-01,2023-05-02,Usage,2,2.5,GCP,Google,Google,BigQuery,Analytics,europe-west1")
            .get(0);
    assertEquals(List.of(), errors(old));
    assertEquals("focus-0.5/v1", old.getAs("x_ContractVersion"));
    assertMoney("2", old.getAs("EffectiveCost"));
    assertEquals("GCP", old.getAs("ProviderName"));
    assertEquals("europe-west1", old.getAs("RegionName"));

    String preview =
        "BillingAccountId,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeSubcategory,BilledCost,EffectiveCost,ProviderName,ServiceName,ServiceCategory,UsageQuantity";
    List<Row> rows =
        map(
            preview,
            Map.of(),
            "1,USD,2023-05-01,2023-06-01,2023-05-01,2023-05-02,Adjustment,Credit,-5,-5,P,S,Other,",
            "1,USD,2023-05-01,2023-06-01,2023-04-01,2023-04-02,Adjustment,Refund,-3,-3,P,S,Other,",
            "1,USD,2023-05-01,2023-06-01,2023-05-01,2023-05-02,Usage,On-Demand,1,1,P,S,Other,7");
    assertEquals("focus-1.0-preview/v1", rows.get(0).getAs("x_ContractVersion"));
    assertEquals("Credit", rows.get(0).getAs("ChargeCategory"));
    assertEquals("Correction", rows.get(1).getAs("ChargeClass"));
    assertMoney("7", rows.get(2).getAs("ConsumedQuantity"));
  }

  @Test
  void columnDefaultsFillOnlyAbsentColumns() {
    String header =
        "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeFrequency,BilledCost,EffectiveCost,ServiceName";
    Map<String, String> defaults =
        Map.of(
            "BillingAccountId", "examples",
            "BillingCurrency", "USD",
            "ProviderName", "Spec",
            "ServiceCategory", "Compute",
            "ServiceName", "never used: the file has ServiceName");
    Row row =
        map(
                header,
                defaults,
                "2023-01-01T00:00:00Z,2023-02-01T00:00:00Z,2023-01-01T00:00:00Z,2023-01-01T01:00:00Z,Usage,Usage-Based,0.00,1.00,")
            .get(0);
    assertEquals("examples", row.getAs("BillingAccountId"));
    // A null ServiceName the file has is not defaulted: the row lands with the defect named.
    assertEquals(List.of(), errors(row));
    assertEquals("Unknown", row.getAs("ServiceName"));
    assertEquals("ServiceName: MISSING_VALUE", row.getAs("x_DataQuality"));
  }

  @Test
  void rowsThatCannotBeCostedOrPlacedAreRejectedWithTheirReason() {
    List<Row> rows =
        map(
            V12_HEADER,
            Map.of(),
            V12_ROW.replace(",USD,", ",ZZZ,"),
            V12_ROW.replace("2024-01-06T00:00:00Z", "2024-02-01T30:00:00Z"),
            V12_ROW.replace(",10.5,9.5,", ",ten,9.5,"),
            V12_ROW.replace("123,Acme,", ",Acme,"),
            V12_ROW.replace(",Usage,,", ",Gadget,,"));
    assertEquals(List.of("UNKNOWN_CURRENCY"), errors(rows.get(0)));
    assertEquals(List.of("INVALID_TIMESTAMP"), errors(rows.get(1)));
    assertEquals(List.of("INVALID_NUMBER"), errors(rows.get(2)));
    assertEquals(List.of("MISSING_VALUE"), errors(rows.get(3)));
    assertEquals(List.of("INVALID_VALUE"), errors(rows.get(4)));
  }

  @Test
  void otherDefectsLandWithTheRowAndAreNamedInDataQuality() {
    List<Row> rows =
        map(
            V12_HEADER,
            Map.of(),
            V12_ROW.replace("Usage-Based", "Monthly"),
            V12_ROW.replace("\"{\"\"team\"\":\"\"search\"\",\"\"n\"\":5}\"", "not-json"),
            V12_ROW.replace(",12,10.5,AWS,", ",12,,AWS,"),
            V12_ROW.replace(",Compute,", ",Gizmos,").replace(",10.5,9.5,12,", ",10.5,,abc,"),
            V12_ROW);
    for (Row row : rows) {
      assertEquals(List.of(), errors(row));
    }
    assertEquals("ChargeFrequency: INVALID_VALUE", rows.get(0).getAs("x_DataQuality"));
    assertEquals("Usage-Based", rows.get(0).getAs("ChargeFrequency"));
    assertEquals("Tags: INVALID_JSON", rows.get(1).getAs("x_DataQuality"));
    // An empty ContractedCost: the billed and list costs are there, the contracted one derived.
    assertEquals("ContractedCost: MISSING_VALUE", rows.get(2).getAs("x_DataQuality"));
    assertMoney("12", rows.get(2).getAs("ContractedCost"));
    assertMoney("10.5", rows.get(2).getAs("BilledCost"));
    Row several = rows.get(3);
    assertEquals(
        "ListCost: INVALID_NUMBER; ServiceCategory: INVALID_VALUE; EffectiveCost: MISSING_VALUE",
        several.getAs("x_DataQuality"));
    assertEquals("Other", several.getAs("ServiceCategory"));
    assertMoney("10.5", several.getAs("EffectiveCost"));
    assertMoney("10.5", several.getAs("ListCost"));
    assertNull(rows.get(4).getAs("x_DataQuality"));
  }

  @Test
  void eaTagsWithoutBracesAreAccepted() {
    Row row =
        map(
                V12_HEADER,
                Map.of(),
                V12_ROW.replace(
                    "\"{\"\"team\"\":\"\"search\"\",\"\"n\"\":5}\"",
                    "\"\"\"tagA\"\": \"\"valueA\"\"\""))
            .get(0);
    assertEquals(List.of(), errors(row));
    assertEquals(
        Map.of("tagA", "valueA"), JavaConverters.mapAsJavaMap(row.getMap(row.fieldIndex("Tags"))));
  }

  @Test
  void theHeaderContractNamesWhatIsMissing() {
    FocusHeader header = new FocusHeader(new String[] {"BilledCost", "ChargeCategory"}, Map.of());
    assertEquals(
        "missing required columns EffectiveCost, ChargePeriodStart, ChargePeriodEnd, BillingPeriodStart, BillingPeriodEnd (contract focus-1.2/v1)",
        header.contractViolation().get());
  }
}
