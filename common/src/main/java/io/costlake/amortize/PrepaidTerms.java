package io.costlake.amortize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.FocusColumn;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Pre-paid commitment purchases with the term each one is recognized over. A purchase's term is its
 * charge period (FOCUS). A refund (negative purchase) reverses the rest of the term: from its own
 * charge period start to the end of the commitment's purchased term.
 */
final class PrepaidTerms {
  static final String TERM_START = "term_start";
  static final String TERM_END = "term_end";

  private PrepaidTerms() {}

  static Dataset<Row> of(Dataset<Row> items) {
    Column purchasedEnd =
        max(when(FocusColumn.BilledCost.col().gt(0), FocusColumn.ChargePeriodEnd.col()))
            .over(
                Window.partitionBy(
                    FocusColumn.x_Provider.col(), FocusColumn.CommitmentDiscountId.col()));
    Column refund = FocusColumn.BilledCost.col().lt(0);
    return items
        .filter(Commitments.prepaid())
        .withColumn(TERM_START, FocusColumn.ChargePeriodStart.col())
        .withColumn(
            TERM_END,
            when(refund.and(purchasedEnd.gt(FocusColumn.ChargePeriodStart.col())), purchasedEnd)
                .otherwise(FocusColumn.ChargePeriodEnd.col()))
        .withColumn(
            TERM_END,
            when(col(TERM_END).gt(col(TERM_START)), col(TERM_END)).otherwise(col(TERM_START)));
  }
}
