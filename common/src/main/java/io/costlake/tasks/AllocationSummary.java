package io.costlake.tasks;

import io.costlake.errors.CostlakeErrors;
import io.costlake.model.Table;
import io.costlake.verify.Conservation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/**
 * After {@code allocate} wrote its tables: checks from the tables themselves that every (period,
 * account, currency) total is unchanged, then prints what went where.
 */
public final class AllocationSummary {
  private final JobContext context;
  private final BillingPeriods periods;
  private final Table input;
  private final String unallocated;

  public AllocationSummary(
      JobContext context, BillingPeriods periods, Table input, String unallocated) {
    this.context = context;
    this.periods = periods;
    this.input = input;
    this.unallocated = unallocated;
  }

  public void print(long allocatedVersion, long complianceVersion, long debtVersion) {
    context
        .warehouse()
        .catalog()
        .withTables(
            List.of(input, Table.COST_ALLOCATED, Table.TAG_COMPLIANCE, Table.TAG_DEBT),
            () -> printTotals(allocatedVersion, complianceVersion, debtVersion));
  }

  private void printTotals(long allocatedVersion, long complianceVersion, long debtVersion) {
    String where = periods.scope().sql();
    checkConserved();
    List<Row> currencies =
        sql(
            "SELECT BillingCurrency, COUNT(*), COUNT(DISTINCT owner), SUM(EffectiveCost),"
                + " SUM(IF(allocation_method <> 'direct', EffectiveCost, 0)),"
                + " SUM(IF(owner = '"
                + unallocated
                + "', EffectiveCost, 0))"
                + " FROM cost_allocated WHERE "
                + where
                + " GROUP BY 1 ORDER BY 4 DESC");
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT, "allocate: %s from %s%n", periods.describe(), input.tableName()));
    long rows = currencies.stream().mapToLong(r -> r.getLong(1)).sum();
    out.append(
        String.format(
            Locale.ROOT,
            "  cost_allocated: %,d rows (version %d); every (period, account, currency) total"
                + " unchanged%n",
            rows,
            allocatedVersion));
    for (Row r : currencies) {
      BigDecimal total = r.getDecimal(3);
      BigDecimal unowned = r.getDecimal(5);
      out.append(
          String.format(
              Locale.ROOT,
              "    %s: %s EffectiveCost, %s moved by rules, %s unallocated (%s%%), %d owners%n",
              r.getString(0),
              money(total),
              money(r.getDecimal(4)),
              money(unowned),
              percent(unowned, total),
              r.getLong(2)));
    }
    for (Row r :
        sql(
            "SELECT allocation_rule_id, allocation_rule_version, allocation_method,"
                + " COUNT(*), SUM(EffectiveCost), COUNT_IF(owner = '"
                + unallocated
                + "')"
                + " FROM cost_allocated WHERE allocation_rule_id IS NOT NULL AND "
                + where
                + " GROUP BY 1, 2, 3 ORDER BY 1, 2")) {
      out.append(
          String.format(
              Locale.ROOT,
              "    rule %s@%d (%s): %,d rows, %s%s%n",
              r.getString(0),
              r.getLong(1),
              r.getString(2),
              r.getLong(3),
              money(r.getDecimal(4)),
              r.getLong(5) > 0
                  ? ", "
                      + r.getLong(5)
                      + " rows to "
                      + unallocated
                      + " (see"
                      + " unallocated_reason)"
                  : ""));
    }
    Row compliance =
        sql("SELECT SUM(tagged_cost), SUM(tagged_cost) + SUM(untagged_cost)"
                + " FROM tag_compliance WHERE "
                + where)
            .get(0);
    Row debt =
        sql("SELECT COUNT(DISTINCT ResourceId), MAX_BY(ResourceId, untagged_cost),"
                + " MAX(untagged_cost) FROM tag_debt WHERE "
                + where)
            .get(0);
    out.append(
        String.format(
            Locale.ROOT,
            "  tag_compliance (version %d): %s%% of resource cost carries every required tag%n",
            complianceVersion,
            percent(compliance.getDecimal(0), compliance.getDecimal(1))));
    out.append(
        String.format(
            Locale.ROOT,
            "  tag_debt (version %d): %,d untagged resources%s%n",
            debtVersion,
            debt.getLong(0),
            debt.isNullAt(1)
                ? ""
                : "; the costliest: "
                    + debt.getString(1)
                    + " ("
                    + money(debt.getDecimal(2))
                    + " in one period)"));
    context.out().print(out);
  }

  /** Checked from the tables as written, not the frames that were written. */
  private void checkConserved() {
    Column inPeriods = periods.scope().column();
    Conservation.ALLOCATION
        .firstDifference(
            context.warehouse().read(input).filter(inPeriods),
            context.warehouse().read(Table.COST_ALLOCATED).filter(inPeriods))
        .ifPresent(
            difference -> {
              throw CostlakeErrors.allocationNotConserved(difference);
            });
  }

  private List<Row> sql(String query) {
    return context.spark().sql(query).collectAsList();
  }

  private static String money(BigDecimal value) {
    return value == null ? "0.00" : String.format(Locale.ROOT, "%,.2f", value);
  }

  private static String percent(BigDecimal part, BigDecimal whole) {
    if (part == null || whole == null || whole.signum() == 0) {
      return "-";
    }
    return part.multiply(BigDecimal.valueOf(100))
        .divide(whole, 1, java.math.RoundingMode.HALF_UP)
        .toPlainString();
  }
}
