package io.costlake.amortize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.to_date;

import io.costlake.model.FocusColumn;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The billing periods a change to pre-paid purchases reaches. A purchase (or its refund) is
 * amortized over every month of its term, so when a restatement or a late file changes one, the
 * later months of the term are off too, not only the month that was re-ingested.
 *
 * <p>Input: {@code cost_line_items} as it is now, and as the changed periods were last computed
 * (empty when never). Output: column {@code billing_period}, distinct: for each commitment with a
 * pre-paid row added, removed or altered in {@code changedPeriods}, every month from the earliest
 * such row to the end of the term bought. Months the warehouse has no data for may be in it; the
 * caller keeps those it has.
 */
public final class ChangedTerms {
  public static final String BILLING_PERIOD = "billing_period";

  private static final String PROVIDER = FocusColumn.x_Provider.name();
  private static final String COMMITMENT = FocusColumn.CommitmentDiscountId.name();
  private static final String START = FocusColumn.ChargePeriodStart.name();
  private static final String END = FocusColumn.ChargePeriodEnd.name();

  private ChangedTerms() {}

  public static Dataset<Row> periods(
      Dataset<Row> now, Dataset<Row> before, List<String> changedPeriods) {
    Dataset<Row> nowChanged = prepaidIn(now, changedPeriods);
    Dataset<Row> beforeChanged = prepaidIn(before, changedPeriods);
    // A multiset difference: a purchase billed twice where it was once is a change too.
    Dataset<Row> changed =
        nowChanged.exceptAll(beforeChanged).union(beforeChanged.exceptAll(nowChanged));
    Dataset<Row> commitments = changed.select(PROVIDER, COMMITMENT).distinct();
    // From the earliest changed row to the end of the commitment's term as bought, now or before:
    // a refund reverses its commitment from its own start up to that end.
    Dataset<Row> firsts = changed.groupBy(PROVIDER, COMMITMENT).agg(min(START).as("first"));
    Dataset<Row> lasts =
        now.filter(Commitments.prepaid())
            .select(PROVIDER, COMMITMENT, END)
            .union(changed.select(PROVIDER, COMMITMENT, END))
            .join(commitments, new String[] {PROVIDER, COMMITMENT}) // small: changed commitments
            .groupBy(PROVIDER, COMMITMENT)
            .agg(max(END).as("last"));
    Dataset<Row> terms = firsts.join(lasts, new String[] {PROVIDER, COMMITMENT});
    Column firstMonth = to_date(date_trunc("month", col("first")));
    // The end is exclusive: a term ending on 2026-01-01T00:00 has December as its last month.
    Column lastMonth = to_date(date_trunc("month", col("last").minus(expr("INTERVAL 1 SECOND"))));
    return terms
        .select(
            explode(sequence(firstMonth, greatest(firstMonth, lastMonth), expr("INTERVAL 1 MONTH")))
                .as("month"))
        .select(date_format(col("month"), "yyyy-MM").as(BILLING_PERIOD))
        .distinct()
        .orderBy(BILLING_PERIOD);
  }

  private static Dataset<Row> prepaidIn(Dataset<Row> items, List<String> periods) {
    return items
        .filter(
            FocusColumn.x_BillingPeriod.col().isin(periods.toArray()).and(Commitments.prepaid()))
        .select(
            col(PROVIDER),
            col(COMMITMENT),
            col(START),
            col(END),
            FocusColumn.BilledCost.col(),
            FocusColumn.BillingAccountId.col(),
            FocusColumn.x_BillingPeriod.col());
  }
}
