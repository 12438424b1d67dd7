package io.costlake.amortize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.FocusColumn;
import io.costlake.model.ScheduleColumn;
import io.costlake.model.Schemas;
import io.costlake.spark.Decimals;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code amortization_schedule} from the pre-paid purchases in {@code cost_line_items}: each
 * purchase (and refund) recognized straight line over its term, per calendar month, in cents.
 */
public final class AmortizationSchedule {
  private static final int CENTS = 2;

  private AmortizationSchedule() {}

  public static Dataset<Row> of(Dataset<Row> items) {
    Dataset<Row> purchases =
        PrepaidTerms.of(items).withColumn("recognized", FocusColumn.BilledCost.col());
    Dataset<Row> months =
        StraightLine.split(
            purchases,
            col(PrepaidTerms.TERM_START),
            col(PrepaidTerms.TERM_END),
            StraightLine.Grid.MONTH,
            CENTS,
            Commitments.lineKey(),
            "recognized");
    WindowSpec toDate =
        Window.partitionBy(Commitments.lineKey())
            .orderBy(col(StraightLine.INTERVAL_START))
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column cumulative = sum(col("recognized")).over(toDate);
    Dataset<Row> schedule =
        months
            .withColumn(ScheduleColumn.purchase_record_hash.name(), FocusColumn.x_RecordHash.col())
            .withColumn(
                ScheduleColumn.purchase_billing_period.name(), FocusColumn.x_BillingPeriod.col())
            .withColumn(
                ScheduleColumn.kind.name(),
                when(FocusColumn.BilledCost.col().lt(0), lit("Refund")).otherwise(lit("Purchase")))
            .withColumn(ScheduleColumn.purchase_amount.name(), FocusColumn.BilledCost.col())
            .withColumn(
                ScheduleColumn.accounting_period.name(),
                date_format(col(StraightLine.INTERVAL_START), "yyyy-MM"))
            .withColumn(ScheduleColumn.period_start.name(), col(StraightLine.INTERVAL_START))
            .withColumn(ScheduleColumn.period_end.name(), col(StraightLine.INTERVAL_END))
            .withColumn(ScheduleColumn.cumulative_recognized.name(), cumulative)
            .withColumn(
                ScheduleColumn.remaining_balance.name(),
                Decimals.minus(FocusColumn.BilledCost.col(), cumulative));
    return Schemas.conform(schedule, ScheduleColumn.values());
  }
}
