package io.costlake.amortize;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.AmortizedColumn;
import io.costlake.model.ColumnType;
import io.costlake.model.FocusColumn;
import io.costlake.model.Schemas;
import io.costlake.model.UtilizationColumn;
import io.costlake.spark.Decimals;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code commitment_utilization} from {@code cost_amortized}: per commitment and UTC day, its cost
 * split into used and unused, and the share of eligible usage it covered. Rows longer than a day
 * (AWS reports unused reservations per month) are spread evenly over their days.
 */
public final class CommitmentUtilization {
  private static final String DAY = UtilizationColumn.day_start.name();
  private static final String USED = UtilizationColumn.used_cost.name();
  private static final String UNUSED = UtilizationColumn.unused_cost.name();
  private static final String COVERED = UtilizationColumn.covered_list_cost.name();
  private static final String ELIGIBLE = UtilizationColumn.eligible_list_cost.name();

  /** A commitment's day: the table's grain. */
  private static final String[] COMMITMENT_DAY = {
    FocusColumn.x_Provider.name(),
    FocusColumn.x_BillingPeriod.name(),
    FocusColumn.BillingAccountId.name(),
    FocusColumn.CommitmentDiscountId.name(),
    DAY
  };

  /** A service's day in a billing account: what eligible usage is summed by. */
  private static final String[] SERVICE_DAY = {
    FocusColumn.x_Provider.name(),
    FocusColumn.x_BillingPeriod.name(),
    FocusColumn.BillingAccountId.name(),
    FocusColumn.ServiceName.name(),
    DAY
  };

  private CommitmentUtilization() {}

  private static Column[] columns(String[] names, String... more) {
    return Stream.concat(Arrays.stream(names), Arrays.stream(more))
        .map(n -> col(n))
        .toArray(Column[]::new);
  }

  public static Dataset<Row> of(Dataset<Row> amortized) {
    Column used = Commitments.covered();
    Dataset<Row> commitmentRows =
        amortized
            .filter(Commitments.hasCommitment().and(used.or(Commitments.unused())))
            .withColumns(
                Map.of(
                    USED,
                    when(used, commitmentPart()).otherwise(lit(0)),
                    UNUSED,
                    when(used, lit(0)).otherwise(FocusColumn.EffectiveCost.col()),
                    COVERED,
                    when(used, coalesce(FocusColumn.ListCost.col(), lit(0))).otherwise(lit(0))));
    Dataset<Row> daily = daily(commitmentRows, USED, UNUSED, COVERED);
    Dataset<Row> perCommitment =
        daily
            .groupBy(columns(COMMITMENT_DAY))
            .agg(
                // max, not first: rows of one commitment and day may name it differently (its fee
                // row and the usage it covered), and first() picks by task order, so a re-run of
                // one period could describe it otherwise than a run of all periods (found by
                // ITKill).
                max(FocusColumn.CommitmentDiscountName.col())
                    .as(FocusColumn.CommitmentDiscountName.name()),
                max(FocusColumn.CommitmentDiscountType.col())
                    .as(FocusColumn.CommitmentDiscountType.name()),
                max(FocusColumn.CommitmentDiscountCategory.col())
                    .as(FocusColumn.CommitmentDiscountCategory.name()),
                max(FocusColumn.BillingCurrency.col()).as(FocusColumn.BillingCurrency.name()),
                sum(col(USED)).as(USED),
                sum(col(UNUSED)).as(UNUSED),
                sum(col(COVERED)).as(COVERED),
                array_sort(collect_set(FocusColumn.SubAccountId.col()))
                    .as(UtilizationColumn.owner_accounts.name()),
                max(when(
                            AmortizedColumn.x_AmortizationMethod
                                .col()
                                .equalTo(CostAmortization.METHOD_PROVIDER),
                            lit(0))
                        .otherwise(lit(1)))
                    .as("_computed"));
    Dataset<Row> eligible = eligible(amortized, daily);
    Column cost = Decimals.plus(col(USED), col(UNUSED));
    Column eligibleCost = coalesce(col(ELIGIBLE), lit(0));
    Dataset<Row> result =
        perCommitment
            .join(eligible, COMMITMENT_DAY, "left")
            .withColumn(UtilizationColumn.commitment_cost.name(), cost)
            .withColumn(ELIGIBLE, greatestOf(eligibleCost, col(COVERED)))
            .withColumn(
                UtilizationColumn.utilization_pct.name(),
                when(cost.notEqual(0), percent(col(USED), cost)))
            .withColumn(
                UtilizationColumn.coverage_pct.name(),
                when(col(ELIGIBLE).gt(0), percent(col(COVERED), col(ELIGIBLE))))
            .withColumn(
                UtilizationColumn.amortization_method.name(),
                when(col("_computed").equalTo(1), lit(CostAmortization.METHOD_SPREAD))
                    .otherwise(lit(CostAmortization.METHOD_PROVIDER)));
    return Schemas.conform(result, UtilizationColumn.values());
  }

  /**
   * Usage the commitment could have covered: ListCost of every non-idle Usage row in the same
   * billing account, day and service as the usage it did cover.
   */
  private static Dataset<Row> eligible(Dataset<Row> amortized, Dataset<Row> daily) {
    Dataset<Row> usage =
        amortized
            .filter(
                Commitments.usage()
                    .and(
                        Commitments.unused()
                            .equalTo(false)
                            .or(FocusColumn.CommitmentDiscountStatus.col().isNull())))
            .withColumn(DAY, StraightLine.Grid.DAY.truncate(FocusColumn.ChargePeriodStart.col()))
            .groupBy(columns(SERVICE_DAY))
            .agg(sum(coalesce(FocusColumn.ListCost.col(), lit(0))).as(ELIGIBLE));
    Dataset<Row> services =
        daily
            .filter(col(COVERED).notEqual(0))
            .select(columns(SERVICE_DAY, FocusColumn.CommitmentDiscountId.name()))
            .distinct();
    return services
        .join(usage, SERVICE_DAY)
        .groupBy(columns(COMMITMENT_DAY))
        .agg(sum(col(ELIGIBLE)).as(ELIGIBLE));
  }

  private static Dataset<Row> daily(Dataset<Row> rows, String... amounts) {
    return StraightLine.split(
            rows,
            FocusColumn.ChargePeriodStart.col(),
            FocusColumn.ChargePeriodEnd.col(),
            StraightLine.Grid.DAY,
            10,
            concat_ws(
                "|", Commitments.lineKey(), FocusColumn.ChargePeriodStart.col().cast("string")),
            amounts)
        .withColumn(DAY, StraightLine.Grid.DAY.truncate(col(StraightLine.INTERVAL_START)));
  }

  /**
   * What a covered row took of the commitment: its EffectiveCost where the export amortized, the
   * share costlake spread onto it otherwise (the rest of such a row is its uncovered on-demand
   * cost).
   */
  private static Column commitmentPart() {
    return when(
            AmortizedColumn.x_AmortizationMethod.col().equalTo(CostAmortization.METHOD_SPREAD),
            AmortizedColumn.x_AmortizedShare.col())
        .otherwise(FocusColumn.EffectiveCost.col());
  }

  private static Column greatestOf(Column a, Column b) {
    return org.apache.spark.sql.functions.greatest(a, b);
  }

  private static Column percent(Column part, Column whole) {
    return round(
            part.cast(DataTypes.createDecimalType(24, 10))
                .multiply(lit(100))
                .divide(whole.cast(DataTypes.createDecimalType(24, 10))),
            4)
        .cast(ColumnType.PERCENT.sparkType());
  }
}
