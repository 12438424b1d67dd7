package io.costlake.anomalies;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.RowOrigin;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What explains a line's cost when it makes a day spike: a restatement (a FOCUS correction of an
 * earlier period), a credit, a commitment true-up (a commitment purchase or its unused part), an
 * adjustment, tax, or a recurring fee (both land on the first day of a billing period, not spread
 * over its days). Such spikes are known events, reported with their label, not as anomalies.
 */
final class SpikeLabel {
  static final String ANOMALY = "anomaly";
  static final String RESTATEMENT = "restatement";
  static final String CREDIT = "credit";
  static final String TRUE_UP = "commitment_true_up";
  static final String ADJUSTMENT = "adjustment";
  static final String TAX = "tax";
  static final String RECURRING_FEE = "recurring_fee";
  static final List<String> EXPLANATIONS =
      List.of(RESTATEMENT, CREDIT, TRUE_UP, ADJUSTMENT, TAX, RECURRING_FEE);

  private SpikeLabel() {}

  /** The line's explanation, or null for ordinary cost; columns the frame lacks count as null. */
  static Column of(Dataset<Row> lines) {
    Column category = optional(lines, "ChargeCategory");
    Column commitmentPurchase =
        category.equalTo("Purchase").and(optional(lines, "CommitmentDiscountId").isNotNull());
    Column unused =
        optional(lines, "CommitmentDiscountStatus")
            .equalTo("Unused")
            .or(RowOrigin.UNUSED_COMMITMENT.of(optional(lines, "x_RowOrigin")));
    return when(optional(lines, "ChargeClass").equalTo("Correction"), lit(RESTATEMENT))
        .when(category.equalTo("Credit"), lit(CREDIT))
        .when(commitmentPurchase.or(unused), lit(TRUE_UP))
        .when(category.equalTo("Adjustment"), lit(ADJUSTMENT))
        .when(category.equalTo("Tax"), lit(TAX))
        .when(optional(lines, "ChargeFrequency").equalTo("Recurring"), lit(RECURRING_FEE));
  }

  static Column optional(Dataset<Row> frame, String column) {
    return Arrays.asList(frame.columns()).contains(column) ? col(column) : lit(null).cast("string");
  }
}
