package io.costlake.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.model.Table;
import io.costlake.testing.TestSpark;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rule model evaluated on small frames with known defects. */
class ConformanceCheckTest {
  private static final FocusRuleModel MODEL = FocusRuleModel.focus12();
  private static Map<String, ConformanceCheck.Result> results;

  /** A conforming usage row, with {@code overrides} applied. */
  private static Row row(Map<String, Object> overrides) {
    StructType schema = Table.COST_LINE_ITEMS.schema();
    Map<String, Object> values = new HashMap<>();
    values.put("BilledCost", new BigDecimal("10"));
    values.put("EffectiveCost", new BigDecimal("10"));
    values.put("ListCost", new BigDecimal("12"));
    values.put("ContractedCost", new BigDecimal("10"));
    values.put("ListUnitPrice", new BigDecimal("6"));
    values.put("ContractedUnitPrice", new BigDecimal("5"));
    values.put("PricingQuantity", new BigDecimal("2"));
    values.put("PricingUnit", "Hours");
    values.put("ConsumedQuantity", new BigDecimal("2"));
    values.put("ConsumedUnit", "Hours");
    values.put("BillingAccountId", "A");
    values.put("BillingAccountName", "Acme");
    values.put("BillingCurrency", "USD");
    values.put("PricingCurrency", "USD");
    values.put("ChargeCategory", "Usage");
    values.put("ChargeFrequency", "Usage-Based");
    values.put("ChargeDescription", "VM");
    values.put("PricingCategory", "Standard");
    values.put("BillingPeriodStart", Timestamp.valueOf("2024-03-01 00:00:00"));
    values.put("BillingPeriodEnd", Timestamp.valueOf("2024-04-01 00:00:00"));
    values.put("ChargePeriodStart", Timestamp.valueOf("2024-03-05 00:00:00"));
    values.put("ChargePeriodEnd", Timestamp.valueOf("2024-03-06 00:00:00"));
    values.put("InvoiceIssuerName", "Acme Cloud");
    values.put("ProviderName", "Acme Cloud");
    values.put("PublisherName", "Acme Cloud");
    values.put("ServiceName", "VMs");
    values.put("ServiceCategory", "Compute");
    values.put("x_Provider", "test");
    values.put("x_SourceFile", "file:/t.csv");
    values.put("x_SourceRow", 1L);
    values.putAll(overrides);
    Object[] cells = new Object[schema.fields().length];
    int i = 0;
    for (StructField field : schema.fields()) {
      Object value = values.get(field.name());
      if (value == null && !field.nullable()) {
        value = "x"; // the table's non-null bookkeeping columns (hash, run id, ...) are strings
      }
      cells[i++] = value;
    }
    return RowFactory.create(cells);
  }

  @BeforeAll
  static void evaluate() {
    List<Row> rows = new ArrayList<>();
    rows.add(row(Map.of()));
    Map<String, Object> badCategory = new HashMap<>();
    badCategory.put("ChargeCategory", "Bogus");
    badCategory.put("x_SourceRow", 2L);
    rows.add(row(badCategory));
    Map<String, Object> badCurrency = new HashMap<>();
    badCurrency.put("BillingCurrency", "XXY");
    rows.add(row(badCurrency));
    Map<String, Object> commitment = new HashMap<>();
    commitment.put("CommitmentDiscountId", "cd-1");
    commitment.put("CommitmentDiscountStatus", "Used");
    rows.add(row(commitment)); // no CommitmentDiscountCategory: C-004-C breaks
    Map<String, Object> listMismatch = new HashMap<>();
    listMismatch.put("ListCost", new BigDecimal("13"));
    rows.add(row(listMismatch));
    Map<String, Object> badUnit = new HashMap<>();
    badUnit.put("ConsumedUnit", "seconds");
    badUnit.put("SkuId", "sku-1");
    badUnit.put("SkuPriceId", "price-1");
    badUnit.put("SkuMeter", "Compute");
    rows.add(row(badUnit));
    Dataset<Row> frame = TestSpark.session().createDataFrame(rows, Table.COST_LINE_ITEMS.schema());
    results =
        new ConformanceCheck(MODEL)
            .evaluate(frame).stream()
                .collect(Collectors.toMap(r -> r.rule.id(), Function.identity()));
  }

  @Test
  void everyRuleOfTheModelGetsAResult() {
    assertEquals(MODEL.rules().size(), results.size());
    assertTrue(MODEL.rules().size() > 600);
  }

  @Test
  void aValueOutsideTheAllowedOnesFailsWithItsRowAsExample() {
    ConformanceCheck.Result result = results.get("ChargeCategory-C-003-M");
    assertEquals(ConformanceCheck.Status.FAIL, result.status);
    assertEquals(1L, result.failingRows);
    assertEquals(6L, result.checkedRows);
    assertEquals(Map.of("test", 1L), result.failingByProvider);
    assertTrue(result.example.contains("x_SourceRow=2"), result.example);
    assertTrue(result.example.contains("ChargeCategory=Bogus"), result.example);
  }

  @Test
  void aNonIsoCurrencyFails() {
    assertEquals(ConformanceCheck.Status.FAIL, results.get("BillingCurrency-C-006-M").status);
    assertEquals(1L, results.get("BillingCurrency-C-006-M").failingRows);
  }

  @Test
  void conditionsOnlyCountTheRowsTheyApplyTo() {
    ConformanceCheck.Result result = results.get("CommitmentDiscountCategory-C-004-C");
    assertEquals(ConformanceCheck.Status.FAIL, result.status);
    assertEquals(1L, result.checkedRows, "only the row with a CommitmentDiscountId");
  }

  @Test
  void productsOfUnitPriceAndQuantityMustMatchTheCost() {
    assertEquals(1L, results.get("ListCost-C-009-C").failingRows);
    assertEquals(ConformanceCheck.Status.PASS, results.get("ContractedUnitPrice-C-011-C").status);
  }

  @Test
  void shouldRulesWarnAndMayRulesInform() {
    assertEquals(ConformanceCheck.Status.WARN, results.get("ConsumedUnit-C-003-O").status);
    assertEquals(1L, results.get("ConsumedUnit-C-003-O").failingRows);
    assertEquals(ConformanceCheck.Status.INFO, results.get("SkuPriceId-C-011-O").status);
  }

  @Test
  void compositesTakeTheWorstOfTheirRulesAndDynamicRulesAreSkipped() {
    assertEquals(ConformanceCheck.Status.FAIL, results.get("ChargeCategory-C-000-M").status);
    assertNotNull(results.get("ChargeCategory-C-000-M").example);
    assertEquals(ConformanceCheck.Status.SKIPPED, results.get("DateTimeFormat-A-001-M").status);
  }

  @Test
  void modelDefectsAreCheckedAsTheRuleTextSays() {
    // The model's own check for -003-C would fail every row without a commitment.
    assertEquals(
        ConformanceCheck.Status.PASS, results.get("CommitmentDiscountStatus-C-003-C").status);
    assertEquals(
        ConformanceCheck.Status.PASS, results.get("CommitmentDiscountStatus-C-005-M").status);
    assertNotNull(MODEL.rules().get("CommitmentDiscountStatus-C-005-M").correction());
    assertEquals(ConformanceCheck.Status.SKIPPED, results.get("InvoiceId-C-004-C").status);
  }
}
