package io.costlake.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.costlake.model.BillingPeriod;
import io.costlake.testing.TestSpark;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RowScopeTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("x_BillingPeriod", DataTypes.StringType)
          .add("BillingAccountId", DataTypes.StringType);

  private static Dataset<Row> rows() {
    return TestSpark.session()
        .createDataFrame(
            List.of(
                RowFactory.create("2025-09", "a"),
                RowFactory.create("2025-10", "a"),
                RowFactory.create("2025-10", "it's"),
                RowFactory.create("2025-11", "b")),
            SCHEMA);
  }

  /** The SQL text (Delta's replaceWhere) and the Column select the same rows. */
  private static List<String> selected(RowScope scope) {
    List<String> byColumn = keys(rows().filter(scope.column()));
    assertEquals(byColumn, keys(rows().filter(scope.sql())), scope.sql());
    return byColumn;
  }

  private static List<String> keys(Dataset<Row> rows) {
    return rows.collectAsList().stream()
        .map(r -> r.getString(0) + "/" + r.getString(1))
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void periodsAndAccountsSelectTheSameRowsAsTextAndAsColumn() {
    RowScope periods =
        RowScope.periods(
            "x_BillingPeriod",
            List.of(BillingPeriod.parse("2025-09"), BillingPeriod.parse("2025-11")));
    assertEquals("x_BillingPeriod IN ('2025-09', '2025-11')", periods.sql());
    assertEquals(List.of("2025-09/a", "2025-11/b"), selected(periods));

    RowScope quoted =
        RowScope.equalTo("x_BillingPeriod", BillingPeriod.parse("2025-10"))
            .and(RowScope.equalTo("BillingAccountId", "it's"));
    assertEquals(List.of("2025-10/it's"), selected(quoted));
  }

  @Test
  void anOrInsideAnAndKeepsItsParentheses() {
    RowScope scope =
        RowScope.equalTo("BillingAccountId", "a")
            .and(
                RowScope.anyOf(
                    List.of(
                        RowScope.equalTo("x_BillingPeriod", "2025-09"),
                        RowScope.equalTo("x_BillingPeriod", "2025-11"))));
    assertEquals(
        "BillingAccountId = 'a' AND (x_BillingPeriod = '2025-09' OR x_BillingPeriod = '2025-11')",
        scope.sql());
    assertEquals(List.of("2025-09/a"), selected(scope));
  }

  @Test
  void nothingSelectsNoRow() {
    assertEquals(List.of(), selected(RowScope.periods("x_BillingPeriod", List.of())));
    assertEquals(List.of(), selected(RowScope.anyOf(List.of())));
  }
}
