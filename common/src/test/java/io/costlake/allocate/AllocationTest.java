package io.costlake.allocate;

import static io.costlake.testing.Money.assertMoney;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.config.CostlakeConfig;
import io.costlake.errors.CostlakeException;
import io.costlake.model.AllocatedColumn;
import io.costlake.tags.OwnerChain;
import io.costlake.testing.Configs;
import io.costlake.testing.FocusRows;
import io.costlake.testing.TestSpark;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Allocation on small frames: every method, cascades, zero weights and incomplete drivers. Every
 * test checks the invariant: the rows of each source line add up to it, so every (period, account,
 * currency) total is unchanged, to the last decimal.
 */
class AllocationTest {
  private static final String POLICY =
      String.join("\n", "tags:", "  keys: {team: {case: lower}}", "  owner: {tag: team}");

  /** Team-tagged usage in two accounts plus shared lines with awkward amounts. */
  private static Dataset<Row> lines() {
    FocusRows rows = new FocusRows();
    rows.add("Tags", Map.of("team", "payments"), "EffectiveCost", "60", "BilledCost", "61");
    rows.add("Tags", Map.of("team", "search"), "EffectiveCost", "30", "BilledCost", "30");
    rows.add("Tags", Map.of("team", "ml"), "EffectiveCost", "0", "BilledCost", "0");
    rows.add(
        "Tags",
        Map.of("team", "data"),
        "EffectiveCost",
        "10",
        "BilledCost",
        "10",
        "BillingAccountId",
        "B");
    rows.add(
        "ServiceName",
        "Network",
        "EffectiveCost",
        "10",
        "BilledCost",
        "10.0000000001",
        "ConsumedQuantity",
        "7",
        "ConsumedUnit",
        "GB");
    rows.add(
        "ServiceName",
        "Network",
        "EffectiveCost",
        "-0.0000000007",
        "BilledCost",
        "0",
        "BillingAccountId",
        "B");
    rows.add("ServiceName", "Logging", "EffectiveCost", "1", "BilledCost", "1");
    rows.add("ServiceName", "Kubernetes", "EffectiveCost", "100", "BilledCost", "100");
    return rows.frame();
  }

  private static Dataset<Row> allocate(
      Dataset<Row> lines, Map<String, Dataset<Row>> drivers, String... rules) {
    CostlakeConfig config =
        Configs.yaml(POLICY + "\nallocate:\n  rules:\n" + String.join("\n", rules));
    Dataset<Row> owned = OwnerChain.owned(lines, config.tags(), Map.of());
    try (CostAllocation allocation = new CostAllocation(config.allocate().rules(), "unallocated")) {
      Dataset<Row> allocated = allocation.allocate(owned, drivers).localCheckpoint();
      assertConserved(lines, allocated);
      return allocated;
    }
  }

  private static List<Row> sumByLine(Dataset<Row> rows, String column) {
    return rows.groupBy("x_SourceRow")
        .agg(sum(column).as("s"))
        .orderBy("x_SourceRow")
        .collectAsList();
  }

  /** Invariant 4, per source line, hence per (period, account, currency). */
  static void assertConserved(Dataset<Row> lines, Dataset<Row> allocated) {
    List<Row> quantities = sumByLine(lines, "ConsumedQuantity");
    List<Row> splitQuantities = sumByLine(allocated, "ConsumedQuantity");
    for (int i = 0; i < quantities.size(); i++) {
      BigDecimal q = (BigDecimal) quantities.get(i).get(1);
      BigDecimal split = (BigDecimal) splitQuantities.get(i).get(1);
      assertTrue(
          q == null ? split == null : split != null && q.compareTo(split) == 0,
          "ConsumedQuantity of line " + quantities.get(i).get(0) + ": " + q + " -> " + split);
    }
    for (String amount : List.of("BilledCost", "EffectiveCost")) {
      List<Row> source = sumByLine(lines, amount);
      List<Row> after = sumByLine(allocated, amount);
      assertEquals(source.size(), after.size(), amount + ": every line is still there");
      for (int i = 0; i < source.size(); i++) {
        assertMoney(
            ((BigDecimal) source.get(i).getAs("s")).toPlainString(),
            after.get(i).getAs("s"),
            amount + " of line " + source.get(i).getAs("x_SourceRow"));
      }
      List<Row> before =
          lines
              .groupBy("x_BillingPeriod", "BillingAccountId", "BillingCurrency")
              .agg(sum(amount))
              .orderBy("x_BillingPeriod", "BillingAccountId")
              .collectAsList();
      List<Row> totals =
          allocated
              .groupBy("x_BillingPeriod", "BillingAccountId", "BillingCurrency")
              .agg(sum(amount))
              .orderBy("x_BillingPeriod", "BillingAccountId")
              .collectAsList();
      assertEquals(before, totals, amount + " per (period, account, currency)");
    }
  }

  private static Map<String, BigDecimal> costByOwner(Dataset<Row> allocated, String serviceName) {
    return allocated
        .filter(col("ServiceName").equalTo(serviceName))
        .groupBy(AllocatedColumn.owner.name())
        .agg(sum("EffectiveCost").as("c"))
        .collectAsList()
        .stream()
        .collect(
            Collectors.toMap(
                r -> r.getString(0), r -> ((BigDecimal) r.getAs("c")).stripTrailingZeros()));
  }

  private static Map<String, BigDecimal> money(Object... ownerAmounts) {
    Map<String, BigDecimal> out = new java.util.HashMap<>();
    for (int i = 0; i < ownerAmounts.length; i += 2) {
      out.put(
          (String) ownerAmounts[i],
          new BigDecimal((String) ownerAmounts[i + 1]).stripTrailingZeros());
    }
    return out;
  }

  @Test
  void evenSplitsGiveTheRoundingResidualToOneDeterministicTarget() {
    Dataset<Row> out =
        allocate(
            lines(),
            Map.of(),
            "    - {id: net, select: {service: Network}, method: even,"
                + " targets: [search, payments, ml]}");
    // 10 / 3: two targets get 3.3333333333, the residual target (first name on a tie) the rest.
    assertEquals(
        money("ml", "3.3333333334", "payments", "3.3333333333", "search", "3.3333333333"),
        costByOwner(out.filter(col("BillingAccountId").equalTo("A")), "Network"));
    Row residual =
        out.filter(
                col("ServiceName")
                    .equalTo("Network")
                    .and(col("owner").equalTo("ml"))
                    .and(col("BillingAccountId").equalTo("A")))
            .first();
    assertEquals("even", residual.getAs("allocation_method"));
    assertEquals("net", residual.getAs("allocation_rule_id"));
    assertEquals(List.of("net@1"), residual.getList(residual.fieldIndex("allocation_path")));
    assertMoney("1", residual.getAs("driver_value"));
    assertMoney("3", residual.getAs("driver_total"));
    // The quantity is split like the cost, its residual on the same target, and keeps its unit.
    assertMoney("2.333333333334", residual.getAs("ConsumedQuantity"));
    assertEquals("GB", residual.getAs("ConsumedUnit"));
    assertMoney(
        "2.333333333333",
        out.filter(
                col("ServiceName")
                    .equalTo("Network")
                    .and(col("owner").equalTo("search"))
                    .and(col("BillingAccountId").equalTo("A")))
            .first()
            .getAs("ConsumedQuantity"));
  }

  @Test
  void fixedPercentagesSplitExactly() {
    Dataset<Row> out =
        allocate(
            lines(),
            Map.of(),
            "    - {id: logs, select: {service: Logging}, method: fixed,"
                + " split: {payments: 33.3, search: 33.3, ml: 33.4}}");
    assertEquals(
        money("payments", "0.333", "search", "0.333", "ml", "0.334"), costByOwner(out, "Logging"));
  }

  @Test
  void proportionalFollowsEachTargetsOwnCostAndSkipsZeroWeights() {
    Dataset<Row> out =
        allocate(
            lines(),
            Map.of(),
            "    - {id: net, select: {service: Network}, method: proportional,"
                + " scope: [BillingAccountId]}");
    // Account A: payments 60, search 30, ml 0 (no share). Account B: only data.
    assertEquals(
        money("payments", "6.6666666667", "search", "3.3333333333"),
        costByOwner(out.filter(col("BillingAccountId").equalTo("A")), "Network"));
    assertEquals(
        money("data", "-0.0000000007"),
        costByOwner(out.filter(col("BillingAccountId").equalTo("B")), "Network"));
    Row payments =
        out.filter(col("ServiceName").equalTo("Network").and(col("owner").equalTo("payments")))
            .first();
    assertMoney("60", payments.getAs("driver_value"));
    assertMoney("90", payments.getAs("driver_total"));
  }

  @Test
  void aScopeWithoutAnyDriverGoesToTheUnallocatedBucketNamingTheRule() {
    Dataset<Row> out =
        allocate(
            lines(),
            Map.of(),
            "    - {id: net, select: {service: Network}, method: proportional,"
                + " targets: [ml]}");
    Row row =
        out.filter(col("ServiceName").equalTo("Network").and(col("BillingAccountId").equalTo("A")))
            .first();
    assertEquals("unallocated", row.getAs("owner"));
    assertEquals("no_driver", row.getAs("unallocated_reason"));
    assertEquals("net", row.getAs("allocation_rule_id"));
  }

  @Test
  void metricRulesSplitByTheDriverAndKeepUnlistedOrMissingDriversExplicit() {
    Dataset<Row> driver =
        driver(
            "2024-03",
            "payments",
            "30",
            "2024-03",
            "search",
            "10",
            "2024-03",
            "marketing",
            "60", // not a listed target: its share is kept unallocated
            "2024-02",
            "ml",
            "5"); // another period: no effect
    Dataset<Row> out =
        allocate(
            lines(),
            Map.of("k8s@1", driver),
            "    - {id: k8s, select: {service: Kubernetes}, method: metric,"
                + " targets: [payments, search, ml], driver: {file: /x.csv}}");
    assertEquals(
        money("payments", "30", "search", "10", "unallocated", "60"),
        costByOwner(out, "Kubernetes"));
    Row unlisted =
        out.filter(
                col("ServiceName").equalTo("Kubernetes").and(col("owner").equalTo("unallocated")))
            .first();
    assertEquals("unlisted_target", unlisted.getAs("unallocated_reason"));

    Dataset<Row> none =
        allocate(
            lines(),
            Map.of("k8s@1", driver("2024-01", "payments", "1")),
            "    - {id: k8s, select: {service: Kubernetes}, method: metric,"
                + " driver: {file: /x.csv}}");
    assertEquals(money("unallocated", "100"), costByOwner(none, "Kubernetes"));
  }

  @Test
  void cascadesMoveCostOnwardsWhateverOrderTheRulesAreWrittenIn() {
    Dataset<Row> out =
        allocate(
            lines(),
            Map.of(),
            "    - {id: platform-to-teams, select: {owner: platform}, method: even,"
                + " targets: [payments, search]}",
            "    - {id: shared-to-platform, select: {service: Kubernetes}, method: fixed,"
                + " split: {platform: 75, ml: 25}}");
    assertEquals(
        money("payments", "37.5", "search", "37.5", "ml", "25"), costByOwner(out, "Kubernetes"));
    Row row =
        out.filter(col("ServiceName").equalTo("Kubernetes").and(col("owner").equalTo("search")))
            .first();
    assertEquals(
        List.of("shared-to-platform@1", "platform-to-teams@1"),
        row.getList(row.fieldIndex("allocation_path")));
    assertMoney("0.375", row.getAs("share"));
    assertEquals("platform-to-teams", row.getAs("allocation_rule_id"));
  }

  @Test
  void aCascadeCycleAndABadSplitAreConfigErrors() {
    CostlakeException cycle =
        assertThrows(
            CostlakeException.class,
            () ->
                Configs.yaml(
                    "allocate:",
                    "  rules:",
                    "    - {id: a, select: {owner: x}, method: even, targets: [y]}",
                    "    - {id: b, select: {owner: y}, method: even, targets: [x]}"));
    assertTrue(
        cycle.getMessage().contains("allocation rules form a cycle: a -> b -> a")
            || cycle.getMessage().contains("allocation rules form a cycle: b -> a -> b"),
        cycle.getMessage());
    CostlakeException split =
        assertThrows(
            CostlakeException.class,
            () ->
                Configs.yaml(
                    "allocate:",
                    "  rules:",
                    "    - {id: a, select: {service: S}, method: fixed, split: {x: 50, y: 40}}"));
    assertTrue(
        split.getMessage().contains("rule a split percentages sum to 90, not 100"),
        split.getMessage());
    CostlakeException overlap =
        assertThrows(
            CostlakeException.class,
            () ->
                Configs.yaml(
                    "allocate:",
                    "  rules:",
                    "    - {id: a, version: 1, to: '2024-06', select: {service: S}, method: even, targets: [x]}",
                    "    - {id: a, version: 2, from: '2024-06', select: {service: S}, method: even, targets: [y]}"));
    assertTrue(overlap.getMessage().contains("versions 1 and 2 both apply"), overlap.getMessage());
  }

  @Test
  void allocatingTwiceIsIdenticalAndANewVersionChangesOnlyItsPeriods() {
    FocusRows rows = new FocusRows();
    for (String period : List.of("2024-03", "2024-04")) {
      rows.add("x_BillingPeriod", period, "Tags", Map.of("team", "payments"));
      rows.add("x_BillingPeriod", period, "ServiceName", "Network", "EffectiveCost", "7");
    }
    Dataset<Row> lines = rows.frame();
    String v1 =
        "    - {id: net, version: 1, to: '2024-03', select: {service: Network},"
            + " method: even, targets: [payments, search]}";
    String v2 =
        "    - {id: net, version: 2, from: '2024-04', select: {service: Network},"
            + " method: fixed, split: {payments: 10, search: 90}}";
    String v1Only = v1.replace(", to: '2024-03'", "");
    List<Row> first = sorted(allocate(lines, Map.of(), v1Only));
    assertEquals(first, sorted(allocate(lines, Map.of(), v1Only)));
    List<Row> second = sorted(allocate(lines, Map.of(), v1, v2));
    assertEquals(only(first, "2024-03"), only(second, "2024-03"));
    assertTrue(!only(first, "2024-04").equals(only(second, "2024-04")));
    assertTrue(only(second, "2024-04").toString().contains("net@2"));
  }

  private static List<Row> sorted(Dataset<Row> allocated) {
    return allocated.orderBy("x_BillingPeriod", "x_SourceRow", "owner").collectAsList();
  }

  private static List<Row> only(List<Row> rows, String period) {
    return rows.stream()
        .filter(r -> period.equals(r.getAs("x_BillingPeriod")))
        .collect(Collectors.toList());
  }

  private static Dataset<Row> driver(String... cells) {
    StructType schema =
        new StructType()
            .add("x_BillingPeriod", DataTypes.StringType)
            .add("target", DataTypes.StringType)
            .add("value", DataTypes.createDecimalType(38, 18));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < cells.length; i += 3) {
      rows.add(RowFactory.create(cells[i], cells[i + 1], new BigDecimal(cells[i + 2])));
    }
    return TestSpark.session().createDataFrame(rows, schema);
  }
}
