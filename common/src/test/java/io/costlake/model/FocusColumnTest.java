package io.costlake.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** The declared schema against the FinOps Foundation's own FOCUS 1.2 rule model. */
class FocusColumnTest {
  /**
   * Conditional columns the validator wants non-null when present; a multi-provider table cannot
   * promise it.
   */
  private static final Set<String> NULLABLE_BY_DESIGN =
      Set.of("InvoiceId", "PricingCurrency", "PricingCurrencyEffectiveCost");

  private static JsonNode model() throws IOException {
    try (InputStream in =
        FocusColumn.class.getResourceAsStream(
            "/io/costlake/focus/focus_validator_model-1.2.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void theFocus12ColumnsAreExactlyTheValidatorsColumns() throws IOException {
    Set<String> expected = new TreeSet<>();
    Iterator<Map.Entry<String, JsonNode>> rules = model().get("ModelRules").fields();
    while (rules.hasNext()) {
      JsonNode rule = rules.next().getValue();
      if ("Column".equals(rule.path("EntityType").asText())) {
        expected.add(rule.path("Reference").asText());
      }
    }
    Set<String> declared =
        Arrays.stream(FocusColumn.values())
            .filter(c -> c.origin() == FocusColumn.Origin.FOCUS_1_2)
            .map(FocusColumn::name)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(57, expected.size());
    assertEquals(expected, declared);
  }

  @Test
  void columnsTheSpecRequiresAreNotNull() throws IOException {
    Iterator<Map.Entry<String, JsonNode>> rules = model().get("ModelRules").fields();
    while (rules.hasNext()) {
      JsonNode rule = rules.next().getValue();
      JsonNode criteria = rule.path("ValidationCriteria");
      boolean unconditionalNotNull =
          "Nullability".equals(rule.path("Function").asText())
              && "MUST NOT".equals(criteria.path("Keyword").asText())
              && "CheckNotValue".equals(criteria.path("Requirement").path("CheckFunction").asText())
              && criteria.path("Requirement").path("Value").isNull()
              && criteria.path("Condition").size() == 0
              && rule.path("ApplicabilityCriteria").size() == 0;
      String column = rule.path("Reference").asText();
      if (unconditionalNotNull && !NULLABLE_BY_DESIGN.contains(column)) {
        assertFalse(FocusColumn.valueOf(column).nullable(), column + " must be NOT NULL");
      }
    }
  }

  @Test
  void moneyIsDecimalNeverDouble() {
    for (FocusColumn column : FocusColumn.values()) {
      assertFalse(column.type().sparkType().equals(DataTypes.DoubleType), column.name());
    }
    assertEquals(DataTypes.createDecimalType(38, 10), FocusColumn.BilledCost.type().sparkType());
    assertEquals(
        DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true),
        FocusColumn.Tags.type().sparkType());
  }

  @Test
  void customColumnsStartWithXAndComeLast() {
    boolean seenCustom = false;
    for (FocusColumn column : FocusColumn.values()) {
      boolean custom = column.origin() == FocusColumn.Origin.COSTLAKE;
      assertEquals(custom, column.name().startsWith("x_"), column.name());
      seenCustom |= custom;
      assertTrue(custom || !seenCustom, column.name() + " follows a custom column");
      assertFalse(column.comment().isBlank(), column.name() + " has a comment");
    }
  }

  @Test
  void theTableIsPartitionedByPeriodThenAccount() {
    assertEquals(
        java.util.List.of("x_BillingPeriod", "BillingAccountId"), CostLineItems.PARTITION_COLUMNS);
    assertEquals(FocusColumn.values().length, CostLineItems.SCHEMA.fields().length);
    assertEquals(
        "Cost as invoiced: all discounts applied, no amortization",
        CostLineItems.SCHEMA.apply("BilledCost").getComment().get());
  }
}
