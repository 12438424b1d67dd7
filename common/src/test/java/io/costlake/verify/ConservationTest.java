package io.costlake.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ConservationTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("x_BillingPeriod", DataTypes.StringType)
          .add("BillingAccountId", DataTypes.StringType)
          .add("BillingCurrency", DataTypes.StringType)
          .add("BilledCost", DataTypes.createDecimalType(38, 10))
          .add("EffectiveCost", DataTypes.createDecimalType(38, 10));

  private static Row row(String period, String account, String currency, String billed) {
    return RowFactory.create(
        period, account, currency, new BigDecimal(billed), new BigDecimal(billed));
  }

  private static Dataset<Row> frame(Row... rows) {
    return TestSpark.session().createDataFrame(Arrays.asList(rows), SCHEMA);
  }

  private static final Dataset<Row> INPUT =
      frame(
          row("2025-10", "a", "USD", "100.01"),
          row("2025-10", "a", "USD", "0.02"),
          row("2025-10", "b", null, "5"));

  @Test
  void splittingALineKeepsEveryTotal() {
    Dataset<Row> split =
        frame(
            row("2025-10", "a", "USD", "33.34"),
            row("2025-10", "a", "USD", "33.34"),
            row("2025-10", "a", "USD", "33.35"),
            row("2025-10", "b", null, "2.5"),
            row("2025-10", "b", null, "2.5"));
    assertEquals(Optional.empty(), Conservation.ALLOCATION.firstDifference(INPUT, split));
  }

  @Test
  void aCentLostOrAKeyMissingIsADifference() {
    Dataset<Row> lostACent =
        frame(row("2025-10", "a", "USD", "100.02"), row("2025-10", "b", null, "5"));
    Optional<String> found = Conservation.ALLOCATION.firstDifference(INPUT, lostACent);
    assertTrue(found.isPresent());
    assertTrue(found.get().contains("BillingAccountId a"), found.get());
    assertTrue(found.get().contains("100.0300000000 before, 100.0200000000 after"), found.get());

    Dataset<Row> noCurrencylessRows = frame(row("2025-10", "a", "USD", "100.03"));
    List<Row> differences =
        Conservation.ALLOCATION.differences(INPUT, noCurrencylessRows).collectAsList();
    assertEquals(1, differences.size());
    assertEquals("b", differences.get(0).getAs("BillingAccountId"));
    assertTrue(differences.get(0).isNullAt(differences.get(0).fieldIndex("after_BilledCost")));
  }
}
