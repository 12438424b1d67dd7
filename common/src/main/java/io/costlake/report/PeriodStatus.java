package io.costlake.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Whether an account's period is final: every invoice_reconciliation row of it is final (its
 * invoice matched). A period without any reconciliation is provisional.
 */
final class PeriodStatus {
  static final String FINAL = "final";
  static final String PROVISIONAL = "provisional";

  private PeriodStatus() {}

  /** (x_Provider, BillingAccountId, x_BillingPeriod, final_flag 1 or 0) per reconciled slice. */
  static Dataset<Row> ofSlices(Dataset<Row> reconciliation) {
    return reconciliation
        .groupBy(col("x_Provider"), col("BillingAccountId"), col("x_BillingPeriod"))
        .agg(
            min(when(col("period_status").equalTo(FINAL), lit(1)).otherwise(lit(0)))
                .as("final_flag"));
  }

  /** The period_status column from a left-joined final_flag. */
  static org.apache.spark.sql.Column column(org.apache.spark.sql.Column finalFlag) {
    return when(finalFlag.equalTo(1), lit(FINAL)).otherwise(lit(PROVISIONAL));
  }
}
